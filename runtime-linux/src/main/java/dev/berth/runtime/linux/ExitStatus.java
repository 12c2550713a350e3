package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The exit status the monitor writes (atomically) when its process has ended.
 *
 * @param exitCode   the code, 128+N when killed by signal N
 * @param oomKilled  whether the OOM killer killed a process of the cgroup
 * @param finishedAt when the monitor saw the end
 */
record ExitStatus(int exitCode, boolean oomKilled, Instant finishedAt) {

    /** The file's name in the container's directory. */
    static final String FILE_NAME = "exit";

    static Optional<ExitStatus> read(Path file) throws RuntimeFailureException {
        Optional<Map<String, String>> values = RecordFile.read(file);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> v = values.get();
        // The monitor syncs the file only after telling its clients: a crash may leave it empty.
        if (!v.containsKey("exit_code") || !v.containsKey("finished_at")) {
            return Optional.empty();
        }
        return Optional.of(new ExitStatus(Integer.parseInt(v.get("exit_code")), Boolean.parseBoolean(v.get("oom_killed")),
                parseInstant(v.get("finished_at"))));
    }

    /** {@code seconds.nanoseconds} since the epoch. */
    static Instant parseInstant(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? Instant.ofEpochSecond(Long.parseLong(text))
                : Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
    }
}
