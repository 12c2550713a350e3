package dev.berth.spi;

/**
 * Runs containers from specs that berth's core builds: the runtime decides no policy of its own.
 *
 * <p>A container's main process must outlive the berth process that created it; the runtime records its
 * exit so that {@link #state} knows it later, from any berth process.
 */
public interface ContainerRuntime {

    /**
     * Creates container {@code id}: its process exists in its new namespaces and cgroup with its root file
     * system mounted, and waits until {@link #start}. Returns once that is so.
     */
    ContainerState create(String id, RuntimeSpec spec) throws RuntimeFailureException;

    /** Lets the created container's process run its command. */
    void start(String id) throws RuntimeFailureException;

    /**
     * Sends {@code signal} to the container's main process, or to every process of the container when
     * {@code allProcesses}.
     */
    void kill(String id, int signal, boolean allProcesses) throws RuntimeFailureException;

    /** Freezes every process of the container. */
    void pause(String id) throws RuntimeFailureException;

    /** Thaws a paused container. */
    void resume(String id) throws RuntimeFailureException;

    /** The container's state as the runtime sees it now. */
    ContainerState state(String id) throws RuntimeFailureException;

    /** Releases what the runtime holds for a stopped container (cgroup, state); a missing one is not an error. */
    void delete(String id) throws RuntimeFailureException;
}
