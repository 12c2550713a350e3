package dev.berth.runtime.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} that berth uses. A PID plus its start time identifies a process
 * for good: a PID alone may be reused.
 *
 * @param pid        the PID
 * @param command    the command name (at most 15 characters)
 * @param state      R, S, D, Z, T...
 * @param parentPid  the parent's PID
 * @param ttyNumber  the controlling terminal's device number, 0 for none
 * @param userTicks  user CPU time in clock ticks
 * @param systemTicks system CPU time in clock ticks
 * @param startTicks when it started, in clock ticks after boot
 */
record ProcStat(long pid, String command, char state, long parentPid, long ttyNumber, long userTicks,
                long systemTicks, long startTicks) {

    /** Linux's USER_HZ, fixed at 100 for every architecture berth runs on. */
    static final long TICKS_PER_SECOND = 100;

    static Optional<ProcStat> read(long pid) throws IOException {
        Path directory = Path.of("/proc", Long.toString(pid));
        String text;
        try {
            text = Files.readString(directory.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A process that ends while its file is read fails the read with ESRCH.
            if (!Files.exists(directory)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(parse(pid, text));
    }

    static ProcStat parse(long pid, String text) {
        // The command is in parentheses and may itself contain ") ", so the fields start after the last ')'.
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        String[] f = text.substring(close + 2).trim().split(" ");
        return new ProcStat(pid, text.substring(open + 1, close), f[0].charAt(0), Long.parseLong(f[1]),
                Long.parseLong(f[4]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]));
    }

    /** Whether the process that started at {@code startTicks} still runs (a zombie has ended). */
    static boolean isAlive(long pid, long startTicks) throws IOException {
        Optional<ProcStat> stat = read(pid);
        return stat.isPresent() && stat.get().startTicks == startTicks && stat.get().state != 'Z'
                && stat.get().state != 'X';
    }
}
