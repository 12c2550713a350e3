package dev.berth.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One process of a container, as {@code top} lists it, with host PIDs (as Docker shows them).
 *
 * @param pid       the host PID
 * @param parentPid the host PID of its parent
 * @param uid       the real user id, as seen on the host
 * @param startedAt when it started
 * @param cpuTime   user plus system CPU time
 * @param terminal  its controlling terminal ({@code pts/0}), or {@code ?}
 * @param command   its command line; for a kernel-style process without one, {@code [name]}
 */
public record ProcessInfo(long pid, long parentPid, int uid, Instant startedAt, Duration cpuTime, String terminal,
                          List<String> command) {

    public ProcessInfo {
        command = List.copyOf(command);
    }
}
