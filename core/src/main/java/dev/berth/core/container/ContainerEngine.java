package dev.berth.core.container;

import dev.berth.core.BerthException;
import dev.berth.core.ConflictException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.host.StoreLock;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.RunConfig;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.layer.WritableLayer;
import dev.berth.spi.Attachment;
import dev.berth.spi.Capabilities;
import dev.berth.spi.ConsoleSize;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ContainerState;
import dev.berth.spi.ExecFailureException;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's container lifecycle on berth's stores and runtime: create, start, stop, kill, pause, unpause,
 * restart, wait, remove, prune, rename, and what happens when a container exits with nobody watching.
 *
 * <p>berth has no daemon: a container's state is what its record says, brought up to date from the runtime
 * whenever it is read ({@link #refresh}). Operations on one container hold that container's lock, so that
 * two berth processes never start and remove the same container at once.
 */
public final class ContainerEngine {

    /** How long {@code stop} waits for the stop signal to work before SIGKILL, unless told otherwise. */
    public static final int DEFAULT_STOP_SECONDS = 10;
    private static final long MINIMUM_MEMORY = 6L * 1024 * 1024;
    private static final String CLIENT_MARKER = "attached-client";

    private final ContainerStore store;
    private final ImageStore images;
    private final LayerStore layers;
    private final ContainerRuntime runtime;
    private final ContainerSpecs specs;
    private final ExitCommand exitCommand;
    private final String driver;
    private final InitLayers initLayers;

    public ContainerEngine(ContainerStore store, ImageStore images, LayerStore layers, ContainerRuntime runtime,
                           ContainerSpecs specs, ExitCommand exitCommand, String driver) {
        this.store = store;
        this.images = images;
        this.layers = layers;
        this.runtime = runtime;
        this.specs = specs;
        this.exitCommand = exitCommand;
        this.driver = driver;
        this.initLayers = new InitLayers(layers, images);
    }

    /** {@code create}: the image's config merged with the request as Docker merges them, and a writable layer. */
    public Container create(CreateRequest request) throws BerthException {
        HostConfig host = request.hostConfig();
        if (host.autoRemove() && host.restartPolicy().name() != RestartPolicy.Name.NO) {
            throw new InvalidInputException("Conflicting options: --restart and --rm");
        }
        if (host.memory() > 0 && host.memory() < MINIMUM_MEMORY) {
            throw new InvalidInputException("Minimum memory limit allowed is 6MB");
        }
        if (!request.workingDir().isEmpty() && !request.workingDir().startsWith("/")) {
            throw new InvalidInputException("the working directory '" + request.workingDir()
                    + "' is invalid, it needs to be an absolute path");
        }
        if (!List.of("none", "host", "default").contains(host.networkMode())) {
            throw new InvalidInputException("network " + host.networkMode() + " not found: berth offers --network none"
                    + " (an empty network namespace with loopback, the default) and --network host");
        }
        Image image = images.resolve(request.image());
        RunConfig base = image.config().run();
        Optional<List<String>> entrypoint;
        List<String> cmd;
        if (request.entrypoint().isPresent()) {
            entrypoint = request.entrypoint().filter(e -> !e.isEmpty());
            cmd = request.command();
        } else {
            entrypoint = base.entrypoint().filter(e -> !e.isEmpty());
            cmd = request.command().isEmpty() ? base.cmd().orElse(List.of()) : request.command();
        }
        List<String> command = new ArrayList<>(entrypoint.orElse(List.of()));
        command.addAll(cmd);
        if (command.isEmpty()) {
            throw new InvalidInputException("No command specified");
        }
        Map<String, String> labels = new LinkedHashMap<>(base.labels());
        labels.putAll(request.labels());
        ContainerId id = ContainerId.random();
        ContainerConfig config = new ContainerConfig(
                request.hostname().isEmpty() ? id.shortId() : request.hostname(),
                request.user().isEmpty() ? base.user() : request.user(),
                mergeEnv(request.env(), base.env()), cmd, entrypoint, request.image(),
                request.workingDir().isEmpty() ? base.workingDir() : request.workingDir(), labels, request.tty(),
                request.interactive(), request.stopSignal().isEmpty() ? base.stopSignal() : request.stopSignal(),
                request.stopTimeout());
        if (!config.stopSignal().isEmpty()) {
            SignalNames.parse(config.stopSignal());
        }
        ContainerName name = request.name().isPresent() ? ContainerName.parse(request.name().get())
                : ContainerName.generate(0);
        Container container = new Container(id, name, Instant.now(), command.get(0), command.subList(1, command.size()),
                image.id(), driver, config, host, ContainerStatus.CREATED, 0, false);
        Container stored = store.create(container, request.name().isPresent());
        try {
            layers.createWritable(id.hex(), initLayers.parentFor(image));
        } catch (BerthException | RuntimeException e) {
            try {
                store.remove(id);
            } catch (BerthException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return stored;
    }

    /** Docker's merge: the user's entries first, then the image's whose names the user did not set. */
    static List<String> mergeEnv(List<String> user, List<String> image) {
        List<String> env = new ArrayList<>(user);
        for (String entry : image) {
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
            if (user.stream().noneMatch(u -> u.equals(key) || u.startsWith(key + "="))) {
                env.add(entry);
            }
        }
        return env;
    }

    /**
     * How to start.
     *
     * @param attach            whether to attach to the container's stdio before it starts ({@code run}, {@code start -a})
     * @param consoleSize       the user's terminal size, with {@code -t}
     * @param clientHandlesExit whether this berth process stays until the exit and handles {@code --rm} itself
     */
    public record StartOptions(boolean attach, Optional<ConsoleSize> consoleSize, boolean clientHandlesExit) {

        public static final StartOptions DETACHED = new StartOptions(false, Optional.empty(), false);
    }

    /**
     * A started container.
     *
     * @param container  its record
     * @param attachment its stdio, when asked for
     */
    public record Started(Container container, Optional<Attachment> attachment) {
    }

    /** {@code start}: a created or stopped container runs its command; a running one is left alone. */
    public Started start(Container container, StartOptions options) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            Container current = refresh(container);
            if (current.state().running()) {
                return new Started(current, Optional.empty());
            }
            if (current.state().removalInProgress() || current.state().dead()) {
                throw new ConflictException("container " + current.id().hex() + " is marked for removal and cannot be started");
            }
            if (!current.driver().equals(driver)) {
                throw new ConflictException("container " + current.name() + " was created with the " + current.driver()
                        + " storage driver; run berth with --storage-driver " + current.driver() + " to start it");
            }
            WritableLayer layer = layers.writable(current.id().hex()).orElseThrow(() -> new EngineFailureException(
                    "the writable layer of container " + current.id().shortId() + " is missing; remove the container"));
            Path directory = store.directory(current.id());
            markClient(directory, options.clientHandlesExit());
            RuntimeSpec spec = specs.build(current, layers.mounts(layer), directory, options.consoleSize(),
                    exitCommand(current, directory));
            String id = current.id().hex();
            Attachment attachment = null;
            try {
                runtime.delete(id);
                runtime.create(id, spec);
                if (options.attach()) {
                    attachment = runtime.attach(id);
                }
                runtime.start(id);
            } catch (ExecFailureException e) {
                closeQuietly(attachment);
                deleteQuietly(id);
                store.update(current.id(), c -> c.withState(c.state().failed(e.exitCode(), e.getMessage())));
                throw new CommandFailedException(e.exitCode(), e.getMessage(), e);
            } catch (RuntimeFailureException e) {
                closeQuietly(attachment);
                deleteQuietly(id);
                store.update(current.id(), c -> c.withState(c.state().failed(128, e.getMessage())));
                throw new EngineFailureException("cannot start container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            ContainerState state = runtimeState(id);
            Instant startedAt = state.startedAt().orElse(Instant.now());
            Container started = store.update(current.id(), c -> c.withState(c.state().started(state.pid(), startedAt))
                    .withManuallyStopped(false));
            return new Started(started, Optional.ofNullable(attachment));
        }
    }

    /** {@code stop}: the stop signal, then SIGKILL after the timeout; restart policies leave it stopped. */
    public Container stop(Container container, Optional<Integer> seconds) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            store.update(container.id(), c -> c.withManuallyStopped(true));
            Container current = refresh(container);
            if (current.state().restarting()) {
                return store.update(current.id(), c -> c.withState(c.state().withRestarting(false)
                        .stopped(c.state().exitCode(), c.state().oomKilled(), Instant.now())));
            }
            if (!current.state().running()) {
                return current;
            }
            String id = current.id().hex();
            int timeout = seconds.orElse(current.config().stopTimeout().orElse(DEFAULT_STOP_SECONDS));
            try {
                if (current.state().paused()) {
                    runtime.resume(id);
                }
                runtime.kill(id, stopSignal(current), false);
                ContainerState state = runtime.awaitStop(id, timeout < 0 ? null : Duration.ofSeconds(timeout));
                if (state.status() != ContainerState.Status.STOPPED) {
                    runtime.kill(id, SignalNames.SIGKILL, true);
                    runtime.awaitStop(id, null);
                }
            } catch (RuntimeFailureException e) {
                throw new EngineFailureException("cannot stop container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            return refresh(current);
        }
    }

    /** {@code kill}: a signal to the main process (SIGKILL to every process). */
    public Container kill(Container container, int signal) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            Container current = refresh(container);
            if (!current.state().running() || current.state().restarting()) {
                throw new ConflictException("cannot kill container: " + current.name() + ": container "
                        + current.id().hex() + " is not running");
            }
            try {
                runtime.kill(current.id().hex(), signal, signal == SignalNames.SIGKILL);
                if (signal == SignalNames.SIGKILL) {
                    runtime.awaitStop(current.id().hex(), null);
                }
            } catch (RuntimeFailureException e) {
                throw new EngineFailureException("cannot kill container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            return refresh(current);
        }
    }

    public Container pause(Container container) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            Container current = refresh(container);
            if (!current.state().running() || current.state().restarting()) {
                throw new ConflictException("container " + current.id().hex() + " is not running");
            }
            if (current.state().paused()) {
                throw new ConflictException("container " + current.id().hex() + " is already paused");
            }
            try {
                runtime.pause(current.id().hex());
            } catch (RuntimeFailureException e) {
                throw new EngineFailureException("cannot pause container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            return store.update(current.id(), c -> c.withState(c.state().withPaused(true)));
        }
    }

    public Container unpause(Container container) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            Container current = refresh(container);
            if (!current.state().paused()) {
                throw new ConflictException("container " + current.id().hex() + " is not paused");
            }
            try {
                runtime.resume(current.id().hex());
            } catch (RuntimeFailureException e) {
                throw new EngineFailureException("cannot unpause container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            return store.update(current.id(), c -> c.withState(c.state().withPaused(false)));
        }
    }

    /** {@code restart}: stop, then start. */
    public Container restart(Container container, Optional<Integer> seconds) throws BerthException {
        Container stopped = stop(container, seconds);
        return start(stopped, StartOptions.DETACHED).container();
    }

    /** {@code wait}: blocks until the container stops; its exit code. */
    public int waitForExit(Container container) throws BerthException {
        Container current = refresh(container);
        if (current.state().running() && !current.state().restarting()) {
            try {
                runtime.awaitStop(current.id().hex(), null);
            } catch (RuntimeFailureException e) {
                throw new EngineFailureException("cannot wait for container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            current = refresh(current);
        }
        return current.state().exitCode();
    }

    /** {@code rm}: a stopped container (a running one only with {@code force}), with its layer and directory. */
    public void remove(Container container, boolean force) throws BerthException {
        try (StoreLock.Held held = lock(container)) {
            Container current = refresh(container);
            if (current.state().running() && !current.state().restarting() && !force) {
                throw new ConflictException("cannot remove container \"/" + current.name()
                        + "\": container is running: stop the container before removing or force remove");
            }
            // Recorded first, so that a removal cut short is seen, and finished by the next rm.
            store.update(current.id(), c -> c.withState(c.state().withRemovalInProgress(true)));
            String id = current.id().hex();
            try {
                if (runtime.state(id).status() != ContainerState.Status.STOPPED) {
                    runtime.kill(id, SignalNames.SIGKILL, true);
                    runtime.awaitStop(id, Duration.ofSeconds(DEFAULT_STOP_SECONDS));
                }
                runtime.delete(id);
            } catch (RuntimeFailureException e) {
                store.update(current.id(), c -> c.withState(c.state().withRemovalInProgress(false).withDead(true)));
                throw new EngineFailureException("cannot remove container " + current.id().shortId() + ": "
                        + e.getMessage(), e);
            }
            layers.removeWritable(id);
            store.remove(current.id());
        }
    }

    /**
     * What {@code container prune} removed.
     *
     * @param removed   the IDs of the containers removed
     * @param reclaimed bytes their writable layers held
     */
    public record Pruned(List<ContainerId> removed, long reclaimed) {
    }

    /** {@code container prune}: every stopped container. */
    public Pruned prune() throws BerthException {
        List<ContainerId> removed = new ArrayList<>();
        long reclaimed = 0;
        for (Container container : list()) {
            if (container.state().running()) {
                continue;
            }
            long size = layers.writable(container.id().hex()).map(this::sizeQuietly).orElse(0L);
            remove(container, false);
            removed.add(container.id());
            reclaimed += size;
        }
        return new Pruned(removed, reclaimed);
    }

    public Container rename(Container container, String newName) throws BerthException {
        ContainerName name = ContainerName.parse(newName);
        if (name.equals(container.name())) {
            throw new InvalidInputException("Renaming a container with the same name as its current name");
        }
        return store.rename(container.id(), name);
    }

    /**
     * What {@code exec} runs.
     *
     * @param command     the command and its arguments
     * @param env         {@code -e} entries, over the container's environment
     * @param workingDir  {@code -w}, empty for the container's
     * @param user        {@code -u}, empty for the container's
     * @param tty         {@code -t}
     * @param interactive {@code -i}
     * @param detach      {@code -d}: its output is not waited for
     * @param privileged  {@code --privileged}
     */
    public record ExecRequest(List<String> command, List<String> env, String workingDir, String user, boolean tty,
                              boolean interactive, boolean detach, boolean privileged) {
    }

    /**
     * A process started by {@code exec}.
     *
     * @param id         its exec ID
     * @param attachment its stdio, unless detached
     */
    public record Exec(String id, Optional<Attachment> attachment) {
    }

    /** {@code exec}: a process in the running container's namespaces, cgroup, root and environment. */
    public Exec exec(Container container, ExecRequest request, Optional<ConsoleSize> consoleSize) throws BerthException {
        Container current = refresh(container);
        if (!current.state().running() || current.state().restarting()) {
            throw new ConflictException("container " + current.id().hex() + " is not running");
        }
        if (current.state().paused()) {
            throw new ConflictException("container " + current.id().hex() + " is paused, unpause the container before exec");
        }
        if (request.command().isEmpty()) {
            throw new InvalidInputException("exec needs a command");
        }
        if (!request.workingDir().isEmpty() && !request.workingDir().startsWith("/")) {
            throw new InvalidInputException("the working directory '" + request.workingDir()
                    + "' is invalid, it needs to be an absolute path");
        }
        ContainerConfig config = current.config();
        HostConfig host = current.hostConfig();
        List<String> env = mergeEnv(request.env(), config.env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add("PATH=" + DefaultSpec.DEFAULT_PATH);
        }
        String workingDir = !request.workingDir().isEmpty() ? request.workingDir()
                : config.workingDir().isEmpty() ? "/" : config.workingDir();
        ProcessSpec process = ProcessSpec.of(request.command(), env, workingDir)
                .withUser(request.user().isEmpty() ? config.user() : request.user(), List.of())
                .withStdio(request.tty(), request.interactive(), request.tty() ? consoleSize : Optional.empty())
                .withCapabilities(Capabilities.of(DefaultSpec.capabilities(host.capAdd(), host.capDrop(),
                        host.privileged() || request.privileged())));
        String execId = ContainerId.random().shortId();
        String id = current.id().hex();
        try {
            runtime.exec(id, execId, process, !request.detach());
            return new Exec(execId, request.detach() ? Optional.empty() : Optional.of(runtime.attachExec(id, execId)));
        } catch (ExecFailureException e) {
            throw new CommandFailedException(e.exitCode(), e.getMessage(), e);
        } catch (RuntimeFailureException e) {
            throw new EngineFailureException("cannot exec in container " + current.id().shortId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** An exec'd process's exit code, once it has exited. */
    public java.util.OptionalInt execExitCode(Container container, String execId) throws BerthException {
        try {
            return runtime.execExitCode(container.id().hex(), execId);
        } catch (RuntimeFailureException e) {
            throw new EngineFailureException("cannot read the exit code of exec " + execId + ": " + e.getMessage(), e);
        }
    }

    /** Every container, up to date. */
    public List<Container> list() throws BerthException {
        List<Container> all = new ArrayList<>();
        for (Container container : store.list()) {
            all.add(refresh(container));
        }
        return all;
    }

    /** The container a user means, up to date. */
    public Container resolve(String nameOrId) throws BerthException {
        return refresh(store.resolve(nameOrId));
    }

    /**
     * Brings a record up to date with the runtime: a container recorded as running whose process has ended is
     * recorded as exited, with its exit code; a paused or thawed one as such.
     */
    public Container refresh(Container container) throws BerthException {
        ContainerStatus recorded = container.state();
        if (!recorded.running() || recorded.restarting()) {
            return container;
        }
        ContainerState actual = runtimeState(container.id().hex());
        switch (actual.status()) {
            case STOPPED:
                Instant finished = actual.finishedAt().orElse(Instant.now());
                return store.update(container.id(), c -> c.state().running() && !c.state().restarting()
                        ? c.withState(c.state().stopped(actual.exitCode(), actual.oomKilled(), finished)) : c);
            case PAUSED:
                return recorded.paused() ? container
                        : store.update(container.id(), c -> c.withState(c.state().withPaused(true)));
            case RUNNING:
                return !recorded.paused() ? container
                        : store.update(container.id(), c -> c.withState(c.state().withPaused(false)));
            default:
                return container;
        }
    }

    /**
     * What happens when a container exits and no berth process waits for it (the runtime runs the exit
     * command): {@code --rm} removes it; a restart policy restarts it after Docker's back-off.
     */
    public void afterExit(ContainerId id) throws BerthException {
        Optional<Container> found = store.get(id);
        if (found.isEmpty()) {
            return;
        }
        Container container = refresh(found.get());
        if (container.state().running()) {
            return;
        }
        if (container.hostConfig().autoRemove()) {
            remove(container, false);
            return;
        }
        RestartPolicy policy = container.hostConfig().restartPolicy();
        if (!policy.shouldRestart(container.state().exitCode(), container.restartCount(), container.manuallyStopped())) {
            return;
        }
        Duration ran = Duration.between(container.state().startedAt().orElse(Instant.now()),
                container.state().finishedAt().orElse(Instant.now()));
        Duration delay = ran.compareTo(RestartPolicy.RESET_AFTER) >= 0 ? RestartPolicy.FIRST_DELAY
                : RestartPolicy.delay(container.restartCount());
        store.update(id, c -> c.withState(c.state().withRestarting(true)));
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Optional<Container> again = store.get(id);
        if (again.isEmpty() || again.get().manuallyStopped() || !again.get().state().restarting()) {
            return; // stopped or removed meanwhile
        }
        Container restarting = store.update(id, c -> c.withState(c.state().withRestarting(false)
                .stopped(c.state().exitCode(), c.state().oomKilled(), c.state().finishedAt().orElse(Instant.now())))
                .withRestartCount(c.restartCount() + 1));
        start(restarting, StartOptions.DETACHED);
    }

    /** The exit command a container needs: for {@code --rm} (unless an attached client handles it) and restarts. */
    private List<String> exitCommand(Container container, Path directory) {
        boolean restarts = container.hostConfig().restartPolicy().name() != RestartPolicy.Name.NO;
        if (!restarts && !container.hostConfig().autoRemove()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                // Skips the call back into berth while the attached client that started the container lives
                // (with the shell's builtins only: this runs after every such container).
                "if [ -f \"$1\" ] && { read -r client < \"$1\"; kill -0 \"$client\"; } 2>/dev/null; then exit 0; fi; "
                        + "shift; exec \"$@\"",
                "sh", directory.resolve(CLIENT_MARKER).toString()));
        command.addAll(exitCommand.forContainer(container.id()));
        return command;
    }

    private static void markClient(Path directory, boolean clientHandlesExit) throws EngineFailureException {
        try {
            Path marker = directory.resolve(CLIENT_MARKER);
            if (clientHandlesExit) {
                Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot write " + directory.resolve(CLIENT_MARKER) + ": " + e.getMessage(), e);
        }
    }

    private int stopSignal(Container container) throws InvalidInputException {
        String signal = container.config().stopSignal();
        return signal.isEmpty() ? SignalNames.SIGTERM : SignalNames.parse(signal);
    }

    private ContainerState runtimeState(String id) throws EngineFailureException {
        try {
            return runtime.state(id);
        } catch (RuntimeFailureException e) {
            throw new EngineFailureException("cannot read the state of container " + id.substring(0, 12) + ": "
                    + e.getMessage(), e);
        }
    }

    private StoreLock.Held lock(Container container) throws EngineFailureException {
        try {
            return new StoreLock(store.directory(container.id()).resolve("lock")).lock();
        } catch (IOException e) {
            throw new EngineFailureException("cannot lock container " + container.id().shortId() + ": " + e.getMessage(), e);
        }
    }

    private long sizeQuietly(WritableLayer layer) {
        try {
            return layers.size(layer);
        } catch (BerthException e) {
            return 0;
        }
    }

    private void deleteQuietly(String id) {
        try {
            runtime.delete(id);
        } catch (RuntimeFailureException e) {
            // The start failure is what the user needs to see; a leftover is deleted by the next start or rm.
        }
    }

    private static void closeQuietly(Attachment attachment) {
        if (attachment != null) {
            try {
                attachment.close();
            } catch (IOException e) {
                // Detaching from a container that failed to start.
            }
        }
    }
}
