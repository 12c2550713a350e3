package dev.berth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Docker's "Are you sure you want to continue? [y/N]" before removing things in bulk. */
public final class Confirmation {

    private Confirmation() {
    }

    /** Prints {@code warning} and the question; true only for an answer of y or yes. */
    public static boolean ask(Streams streams, String warning) {
        streams.out().print(warning + "\nAre you sure you want to continue? [y/N] ");
        streams.out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(streams.in(), StandardCharsets.UTF_8)).readLine();
            String normalized = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
            return normalized.equals("y") || normalized.equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
