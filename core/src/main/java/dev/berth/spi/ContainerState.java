package dev.berth.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's state as its runtime reports it.
 *
 * @param status     where the container is in its life
 * @param pid        the host PID of the main process while it exists, else 0
 * @param exitCode   the exit code once stopped: the process's code, or 128+N when killed by signal N
 * @param oomKilled  whether the kernel's OOM killer killed a process of the container
 * @param startedAt  when the command started running, if it has
 * @param finishedAt when the main process ended, if it has
 */
public record ContainerState(Status status, long pid, int exitCode, boolean oomKilled,
                             Optional<Instant> startedAt, Optional<Instant> finishedAt) {

    public ContainerState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The runtime's view of a container; Docker's richer states are derived from it by core. */
    public enum Status {
        /** The process exists and waits for start. */
        CREATED,
        /** The command runs. */
        RUNNING,
        /** The processes are frozen. */
        PAUSED,
        /** The main process has ended. */
        STOPPED
    }
}
