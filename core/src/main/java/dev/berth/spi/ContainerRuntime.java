package dev.berth.spi;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs containers from specs that berth's core builds: the runtime decides no policy of its own.
 *
 * <p>A container's main process must outlive the berth process that created it; the runtime records its
 * exit so that {@link #state} knows it later, from any berth process. Every method may be called from a
 * different berth process than the one that created the container. A container is created once: to run a
 * stopped container again, {@link #delete} it and create it anew.
 *
 * <p>How the commands map onto it: {@code run} is {@link #create}, {@link #attach}, {@link #start}, then
 * {@link Attachment#copyOutput} until the exit code arrives ({@code --rm}: then {@link #delete}); {@code run -d}
 * skips the attachment. {@code stop -t N} is {@link #kill} with the stop signal, {@link #awaitStop} for N
 * seconds, then {@link #kill} SIGKILL of all processes and {@link #awaitStop}. {@code wait} is
 * {@link #awaitStop} without a limit. A detached container's end can trigger berth through the spec's exit
 * command ({@code --rm}, restart policies), since no daemon watches it.
 */
public interface ContainerRuntime {

    /**
     * Creates container {@code id}: its process exists in its new namespaces and cgroup with its mounts done,
     * and waits until {@link #start}; its command has been found. Returns once that is so.
     *
     * @throws ExecFailureException    when the command is not found (127) or cannot be executed (126)
     * @throws RuntimeFailureException when anything else fails; nothing of the container is left then
     */
    ContainerState create(String id, RuntimeSpec spec) throws RuntimeFailureException;

    /**
     * Lets the created container's process run its command, and returns once it runs.
     *
     * @throws ExecFailureException when {@code execve} failed (the container then exits with that code)
     */
    void start(String id) throws RuntimeFailureException;

    /** Attaches to the container's stdio; attach before {@link #start} to receive all of its output. */
    Attachment attach(String id) throws RuntimeFailureException;

    /**
     * Sends {@code signal} to the container's main process, or to every process of the container when
     * {@code allProcesses}. A paused container is thawed after SIGKILL, so that it dies.
     */
    void kill(String id, int signal, boolean allProcesses) throws RuntimeFailureException;

    /** Freezes every process of the container. */
    void pause(String id) throws RuntimeFailureException;

    /** Thaws a paused container. */
    void resume(String id) throws RuntimeFailureException;

    /** The container's state as the runtime sees it now. */
    ContainerState state(String id) throws RuntimeFailureException;

    /**
     * Waits until the container has stopped and its exit status is recorded, at most {@code timeout} (null:
     * as long as it takes), without polling.
     *
     * @return the state then: stopped, or still running when the time ran out
     */
    ContainerState awaitStop(String id, Duration timeout) throws RuntimeFailureException;

    /**
     * Releases what the runtime holds for a stopped container (cgroup, state); a missing one is not an error.
     *
     * @throws RuntimeFailureException when the container still runs
     */
    void delete(String id) throws RuntimeFailureException;

    /**
     * Starts a process in the running container's namespaces, cgroup and root, and returns once it runs.
     *
     * @param execId         a name for the process, unique in the container
     * @param waitForAttach  whether its output waits for the first {@link #attachExec}; otherwise it is
     *                       discarded (a detached exec)
     * @return its host PID
     * @throws ExecFailureException when its command is not found or cannot be executed
     */
    long exec(String id, String execId, ProcessSpec process, boolean waitForAttach) throws RuntimeFailureException;

    /** Attaches to an exec'd process's stdio. */
    Attachment attachExec(String id, String execId) throws RuntimeFailureException;

    /** An exec'd process's exit code once it has exited; empty while it runs. */
    OptionalInt execExitCode(String id, String execId) throws RuntimeFailureException;

    /** Resource use of a running container. */
    ContainerStats stats(String id) throws RuntimeFailureException;

    /** The processes of a running container. */
    List<ProcessInfo> top(String id) throws RuntimeFailureException;
}
