package dev.berth.cli;

import dev.berth.core.Progress;
import java.io.PrintStream;

/**
 * Progress where output is a log, not a terminal, as Docker prints it there: each step that has no measure
 * is a line of its own ({@code a9389c5b10ab: Pulling fs layer}, {@code ...: Pull complete}); measured
 * steps ({@code Downloading}, {@code Extracting}) print nothing, since a bar cannot be redrawn in a log.
 */
public final class StatusLines implements Progress {

    private final PrintStream out;

    public StatusLines(PrintStream out) {
        this.out = out;
    }

    /** Bars on a terminal, lines elsewhere. */
    public static Progress on(PrintStream out, boolean terminal) {
        return terminal ? new ProgressBars(out) : new StatusLines(out);
    }

    @Override
    public Task start(String id, String action, long total) {
        if (total < 0) {
            print(id, action);
        }
        return new Task() {
            @Override
            public void advance(long bytes) {
            }

            @Override
            public void status(String status) {
                print(id, status);
            }

            @Override
            public void done(String status) {
                print(id, status);
            }
        };
    }

    private synchronized void print(String id, String status) {
        out.println(id + ": " + status);
        out.flush();
    }
}
