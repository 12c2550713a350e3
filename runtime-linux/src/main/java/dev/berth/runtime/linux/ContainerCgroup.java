package dev.berth.runtime.linux;

import dev.berth.spi.ContainerStats;
import dev.berth.spi.Resources;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One container's cgroup, in whichever hierarchy layout the host has. */
interface ContainerCgroup {

    /** The {@code cgroup.procs} files the container's processes are written to, one per hierarchy. */
    List<Path> procsFiles();

    /** The cgroup directories, for removal. */
    List<Path> directories();

    /** The file whose {@code oom_kill} line counts OOM kills, if the memory controller is there. */
    Optional<Path> oomFile();

    /** The PIDs of the container's processes. */
    List<Long> pids() throws RuntimeFailureException;

    /** Sets the most processes and threads the cgroup may hold. */
    void limitPids(long max) throws RuntimeFailureException;

    void freeze() throws RuntimeFailureException;

    void thaw() throws RuntimeFailureException;

    boolean isFrozen() throws RuntimeFailureException;

    /** Writes the limits, but for the pids limit (see {@link CgroupLayout#create}). */
    void apply(Resources resources) throws RuntimeFailureException;

    /** Kills every process in one step where the kernel offers it (v2's cgroup.kill); false otherwise. */
    boolean killAtOnce() throws RuntimeFailureException;

    /** Whether the freezer controller is there. */
    boolean canFreeze();

    /**
     * Sends {@code signal} to every process. SIGKILL goes with the cgroup frozen, so that no process can fork
     * one that the signal would miss (a frozen process dies of it once thawed); other signals go as they are.
     */
    default void killAll(int signal) throws RuntimeFailureException {
        if (signal == Signals.SIGKILL && killAtOnce()) {
            return;
        }
        if (signal != Signals.SIGKILL || !canFreeze()) {
            Signals.sendEach(pids(), signal);
            return;
        }
        freeze();
        try {
            Signals.sendEach(pids(), signal);
        } finally {
            thaw();
        }
    }

    ContainerStats stats() throws RuntimeFailureException;

    /** Removes the cgroup; false when processes still hold it. */
    boolean remove() throws RuntimeFailureException;
}
