package dev.berth.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the reference tools (skopeo, keytool, htpasswd) that tests compare berth with. */
public final class Commands {

    private Commands() {
    }

    /** Runs {@code command}; its output, or an exception with the output when it fails. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
