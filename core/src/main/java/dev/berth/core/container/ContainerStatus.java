package dev.berth.core.container;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's {@code State} of a container, from which its status names and {@code ps} strings are derived
 * exactly as Docker derives them ({@code daemon/container/state.go}).
 *
 * @param running           the main process runs (also while paused or restarting)
 * @param paused            its processes are frozen
 * @param restarting        it waits to be restarted by its restart policy
 * @param oomKilled         the OOM killer killed a process of it
 * @param dead              its removal failed half way
 * @param removalInProgress it is being removed
 * @param pid               the host PID of its main process while running, else 0
 * @param exitCode          its last exit code
 * @param error             why it could not start, if it could not
 * @param startedAt         when it last started
 * @param finishedAt        when it last stopped
 */
public record ContainerStatus(boolean running, boolean paused, boolean restarting, boolean oomKilled, boolean dead,
                              boolean removalInProgress, long pid, int exitCode, String error,
                              Optional<Instant> startedAt, Optional<Instant> finishedAt) {

    public static final ContainerStatus CREATED = new ContainerStatus(false, false, false, false, false, false, 0, 0,
            "", Optional.empty(), Optional.empty());

    public ContainerStatus {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** Docker's status name: created, running, paused, restarting, removing, exited, dead. */
    public String name() {
        if (running) {
            if (paused) {
                return "paused";
            }
            return restarting ? "restarting" : "running";
        }
        if (removalInProgress) {
            return "removing";
        }
        if (dead) {
            return "dead";
        }
        return startedAt.isEmpty() ? "created" : "exited";
    }

    public ContainerStatus started(long newPid, Instant at) {
        return new ContainerStatus(true, false, false, false, false, false, newPid, 0, "", Optional.of(at),
                finishedAt);
    }

    public ContainerStatus stopped(int code, boolean killedByOom, Instant at) {
        return new ContainerStatus(false, false, false, killedByOom, dead, removalInProgress, 0, code, "", startedAt,
                Optional.of(at));
    }

    public ContainerStatus failed(int code, String why) {
        return new ContainerStatus(false, false, false, false, dead, removalInProgress, 0, code, why, startedAt,
                finishedAt);
    }

    public ContainerStatus withPaused(boolean value) {
        return new ContainerStatus(running, value, restarting, oomKilled, dead, removalInProgress, pid, exitCode, error,
                startedAt, finishedAt);
    }

    public ContainerStatus withRestarting(boolean value) {
        return new ContainerStatus(running || value, paused, value, oomKilled, dead, removalInProgress, value ? 0 : pid,
                exitCode, error, startedAt, finishedAt);
    }

    public ContainerStatus withRemovalInProgress(boolean value) {
        return new ContainerStatus(running, paused, restarting, oomKilled, dead, value, pid, exitCode, error, startedAt,
                finishedAt);
    }

    public ContainerStatus withDead(boolean value) {
        return new ContainerStatus(running, paused, restarting, oomKilled, value, removalInProgress, pid, exitCode,
                error, startedAt, finishedAt);
    }
}
