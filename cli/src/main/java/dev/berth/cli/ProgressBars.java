package dev.berth.cli;

import dev.berth.cli.format.Sizes;
import dev.berth.core.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's progress display on a terminal: one line per task ({@code a9389c5b10ab: Loading layer
 * [=====>      ]  1.2MB/1.98MB}), redrawn in place with ANSI cursor movement, so that several tasks (layers
 * pulled in parallel) can advance at once. Redraws are throttled; only used when the stream is a terminal.
 */
public final class ProgressBars implements Progress {

    private static final int WIDTH = 50;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final List<Line> lines = new ArrayList<>();

    public ProgressBars(PrintStream out) {
        this.out = out;
    }

    /** Progress on {@code out} when it is a terminal, else nothing. */
    public static Progress on(PrintStream out, boolean terminal) {
        return terminal ? new ProgressBars(out) : Progress.NONE;
    }

    @Override
    public synchronized Task start(String id, String action, long total) {
        Line line = new Line(id, action, total);
        lines.add(line);
        out.println(line.render());
        out.flush();
        return line;
    }

    private synchronized void redraw(Line line) {
        int up = lines.size() - lines.indexOf(line);
        out.print("\u001b[" + up + "A\r\u001b[2K" + line.render() + "\u001b[" + up + "B\r");
        out.flush();
    }

    /** One task's line. */
    private final class Line implements Task {
        private final String id;
        private volatile long total;
        private volatile String status;
        private volatile long current;
        private long lastDraw;
        private volatile boolean done;

        Line(String id, String action, long total) {
            this.id = id;
            this.status = action;
            this.total = total;
        }

        @Override
        public void advance(long bytes) {
            current += bytes;
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                redraw(this);
            }
        }

        @Override
        public void status(String newStatus) {
            status = newStatus;
            total = -1;
            current = 0;
            redraw(this);
        }

        @Override
        public void phase(String action, long newTotal) {
            status = action;
            total = newTotal;
            current = 0;
            redraw(this);
        }

        @Override
        public void done(String finalStatus) {
            status = finalStatus;
            done = true;
            redraw(this);
        }

        String render() {
            StringBuilder text = new StringBuilder(id).append(": ").append(status);
            if (done || current == 0 && total <= 0) {
                return text.toString();
            }
            if (total > 0) {
                int filled = (int) Math.min(WIDTH, current * WIDTH / total);
                text.append(" [").append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 ? ">" : "")
                        .append(" ".repeat(WIDTH - filled)).append("]  ")
                        .append(Sizes.human(current)).append('/').append(Sizes.human(total));
            } else {
                text.append("  ").append(Sizes.human(current));
            }
            return text.toString();
        }
    }
}
