package dev.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import dev.berth.spi.Attachment;
import dev.berth.spi.Capability;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ContainerState;
import dev.berth.spi.ContainerStats;
import dev.berth.spi.ExecFailureException;
import dev.berth.spi.ProcessInfo;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.RuntimeSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Linux runtime: containers run by the native helper (see runtime-linux/src/main/c/helper.h), each
 * watched by its own monitor process; this class writes specs and cgroups, and reads what the monitors
 * record, so that any berth process can manage any container.
 */
final class LinuxRuntime implements ContainerRuntime {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final int UNOBSERVED_EXIT = 255;

    private final Path stateRoot;
    private final CgroupLayout cgroups;
    private final EmbeddedBinary helperBinary;
    private final EmbeddedBinary initBinary;
    private NativeHelper helper;
    private Set<Capability> ownCapabilities;

    LinuxRuntime(Path stateRoot, CgroupLayout cgroups) {
        this.stateRoot = stateRoot;
        this.cgroups = cgroups;
        this.helperBinary = new EmbeddedBinary("berth-helper", stateRoot.resolve("bin"));
        this.initBinary = new EmbeddedBinary("berth-init", stateRoot.resolve("bin"));
    }

    @Override
    public ContainerState create(String id, RuntimeSpec spec) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        HelperSpecs.requireGrantable(spec.process(), ownCapabilities());
        Optional<Path> init = spec.init() ? Optional.of(initBinary.install()) : Optional.empty();
        NativeHelper native_ = helper();
        makeDirectory(paths.directory().getParent());
        makeDirectory(paths.socket().getParent());
        try {
            Files.createDirectory(paths.directory(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new RuntimeFailureException("container " + id + " exists in the runtime already: delete it first");
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create " + paths.directory() + ": " + e.getMessage(), e);
        }
        ContainerCgroup cgroup = cgroups.find(id);
        try {
            Files.createDirectory(paths.rootfs());
            Files.deleteIfExists(spec.containerDirectory().resolve(ExitStatus.FILE_NAME));
            Posix.C.mkfifo(paths.fifo().toString(), 0622);
            // The init may be any user by the time it opens the fifo; the umask must not narrow the mode.
            Files.setPosixFilePermissions(paths.fifo(), PosixFilePermissions.fromString("rw--w--w-"));
            cgroup = cgroups.create(id, spec.resources());
            HelperSpecs.container(id, spec, paths, cgroup, cgroups.monitors(), init).write(paths.spec());
            HelperReport report = native_.run("create", paths.spec());
            if (spec.resources().pidsLimit().isPresent()) {
                cgroup.limitPids(spec.resources().pidsLimit().getAsLong());
            }
            RuntimeRecord record = new RuntimeRecord(ProcessRecord.of(report), spec.containerDirectory(),
                    spec.isolation().namespaces(), spec.isolation().deniedSyscalls(), Optional.empty());
            record.write(paths.record());
            return new ContainerState(ContainerState.Status.CREATED, report.pid(), 0, false, Optional.empty(),
                    Optional.empty());
        } catch (RuntimeFailureException | IOException | LastErrorException | IllegalArgumentException e) {
            // A process that exists already must not wait for a start that never comes.
            removeCgroup(cgroup, id);
            deleteTree(paths.directory());
            throw failure("cannot create container " + id, e);
        }
    }

    @Override
    public void start(String id) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        RuntimeRecord record = record(id, paths);
        try (Pidfd init = record.init().open().orElseThrow(() -> notRunning(id))) {
            String failure = StartGate.pass(paths.fifo(), init);
            record.started(Instant.now()).write(paths.record());
            if (!failure.isEmpty()) {
                String[] parts = failure.split(" ", 2);
                throw HelperReport.failure(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : failure);
            }
        } catch (IOException e) {
            throw failure("cannot start container " + id, e);
        }
    }

    @Override
    public Attachment attach(String id) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        record(id, paths);
        return connect(paths.socket(), id);
    }

    @Override
    public void kill(String id, int signal, boolean allProcesses) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        RuntimeRecord record = record(id, paths);
        ContainerCgroup cgroup = cgroups.find(id);
        try {
            if (allProcesses) {
                cgroup.killAll(signal);
            } else {
                try (Pidfd init = record.init().open().orElseThrow(() -> notRunning(id))) {
                    init.signal(signal);
                }
            }
            if (signal == Signals.SIGKILL && cgroup.isFrozen()) {
                cgroup.thaw();
            }
        } catch (IOException e) {
            throw failure("cannot signal container " + id, e);
        }
    }

    @Override
    public void pause(String id) throws RuntimeFailureException {
        requireStarted(id);
        cgroups.find(id).freeze();
    }

    @Override
    public void resume(String id) throws RuntimeFailureException {
        requireStarted(id);
        cgroups.find(id).thaw();
    }

    @Override
    public ContainerState state(String id) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        Optional<RuntimeRecord> found = RuntimeRecord.read(paths.record());
        if (found.isEmpty()) {
            return stopped(UNOBSERVED_EXIT, Optional.empty(), Optional.empty());
        }
        RuntimeRecord record = found.get();
        Optional<ExitStatus> exit = ExitStatus.read(record.exitFile());
        if (exit.isEmpty()) {
            Optional<ContainerState> unfinished = unfinishedState(id, paths, record);
            if (unfinished.isPresent()) {
                return unfinished.get();
            }
            // Neither runs any more, so the exit file is final now: the monitor may have written it, and ended,
            // after the first look (a container that ends as it is asked about would otherwise be reported 255).
            exit = ExitStatus.read(record.exitFile());
        }
        return exit.map(status -> new ContainerState(ContainerState.Status.STOPPED, 0, status.exitCode(),
                        status.oomKilled(), record.startedAt(), Optional.of(status.finishedAt())))
                .orElseGet(() -> stopped(UNOBSERVED_EXIT, record.startedAt(), Optional.empty()));
    }

    /** The state while the container's process or its monitor still runs; empty once both have ended. */
    private Optional<ContainerState> unfinishedState(String id, ContainerPaths paths, RuntimeRecord record)
            throws RuntimeFailureException {
        try {
            if (record.init().isAlive()) {
                ContainerState.Status status = Files.exists(paths.fifo()) ? ContainerState.Status.CREATED
                        : cgroups.find(id).isFrozen() ? ContainerState.Status.PAUSED : ContainerState.Status.RUNNING;
                return Optional.of(new ContainerState(status, record.init().pid(), 0, false, record.startedAt(),
                        Optional.empty()));
            }
            if (record.init().isMonitorAlive()) {
                // Ended a moment ago: the monitor is recording the exit status now.
                awaitExitRecord(paths, record);
                return Optional.of(state(id));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot read the state of container " + id, e);
        }
    }

    @Override
    public ContainerState awaitStop(String id, Duration timeout) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        RuntimeRecord record = record(id, paths);
        try {
            try (Pidfd init = record.init().open().orElse(null)) {
                if (init != null && !init.awaitExit(timeout)) {
                    return state(id);
                }
            }
            awaitExitRecord(paths, record);
        } catch (IOException e) {
            throw failure("cannot wait for container " + id, e);
        }
        helper().reapEnded();
        return state(id);
    }

    /**
     * Once the container's process has ended, its monitor records the exit status and then tells its clients:
     * so a client waits for that message, or for the monitor's end when it cannot connect any more.
     */
    private static void awaitExitRecord(ContainerPaths paths, RuntimeRecord record) throws IOException, RuntimeFailureException {
        if (ExitStatus.read(record.exitFile()).isPresent()) {
            return;
        }
        try (MonitorAttachment monitor = MonitorAttachment.connect(paths.socket())) {
            monitor.copyOutput(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            return;
        } catch (IOException e) {
            // No socket any more: the monitor is finishing or gone.
        }
        try (Pidfd monitor = record.init().openMonitor().orElse(null)) {
            if (monitor != null) {
                monitor.awaitExit(null);
            }
        }
    }

    @Override
    public void delete(String id) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        Optional<RuntimeRecord> record = RuntimeRecord.read(paths.record());
        try {
            if (record.isPresent() && record.get().init().isAlive()) {
                throw new RuntimeFailureException("container " + id + " is running: stop it before deleting it");
            }
        } catch (IOException e) {
            throw failure("cannot delete container " + id, e);
        }
        removeCgroup(cgroups.find(id), id);
        for (Path execDirectory : children(paths.directory().resolve("exec"))) {
            deleteFile(ContainerPaths.exec(stateRoot, id, execDirectory.getFileName().toString()).socket());
        }
        deleteFile(paths.socket());
        deleteTree(paths.directory());
    }

    /**
     * Removes the container's cgroup. Processes that are still in it (one that outlived the init, or a created
     * init) are killed first; dying takes the kernel a moment, hence the short waits.
     */
    private static void removeCgroup(ContainerCgroup cgroup, String id) throws RuntimeFailureException {
        if (cgroup.remove()) {
            return;
        }
        cgroup.killAll(Signals.SIGKILL);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cgroup.remove()) {
            if (System.nanoTime() > deadline) {
                throw new RuntimeFailureException("the cgroup of container " + id + " still has processes after SIGKILL");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public long exec(String id, String execId, ProcessSpec process, boolean waitForAttach) throws RuntimeFailureException {
        ContainerPaths container = ContainerPaths.container(stateRoot, requireId(id));
        RuntimeRecord record = requireStarted(id);
        ContainerCgroup cgroup = cgroups.find(id);
        if (cgroup.isFrozen()) {
            throw new RuntimeFailureException("container " + id + " is paused, unpause the container before exec");
        }
        ContainerPaths paths = ContainerPaths.exec(stateRoot, id, requireId(execId));
        HelperSpecs.requireGrantable(process, ownCapabilities());
        NativeHelper native_ = helper();
        makeDirectory(container.directory().resolve("exec"));
        try {
            Files.createDirectory(paths.directory());
        } catch (FileAlreadyExistsException e) {
            throw new RuntimeFailureException("exec " + execId + " exists in container " + id + " already");
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create " + paths.directory() + ": " + e.getMessage(), e);
        }
        try {
            HelperSpecs.exec(record, process, paths, cgroup, cgroups.monitors(), waitForAttach).write(paths.spec());
            HelperReport report = native_.run("exec", paths.spec());
            RecordFile.write(paths.record(), ProcessRecord.of(report).toMap());
            return report.pid();
        } catch (RuntimeFailureException | IOException | IllegalArgumentException e) {
            deleteTree(paths.directory());
            throw failure("cannot exec in container " + id, e);
        }
    }

    @Override
    public Attachment attachExec(String id, String execId) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.exec(stateRoot, requireId(id), requireId(execId));
        return connect(paths.socket(), id + " exec " + execId);
    }

    @Override
    public OptionalInt execExitCode(String id, String execId) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.exec(stateRoot, requireId(id), requireId(execId));
        Optional<ExitStatus> exit = ExitStatus.read(paths.exitFile());
        if (exit.isPresent()) {
            return OptionalInt.of(exit.get().exitCode());
        }
        ProcessRecord process = RecordFile.read(paths.record()).map(ProcessRecord::fromMap)
                .orElseThrow(() -> new RuntimeFailureException("no exec " + execId + " in container " + id));
        try {
            if (process.isAlive() || process.isMonitorAlive()) {
                return OptionalInt.empty();
            }
        } catch (IOException e) {
            throw failure("cannot read exec " + execId, e);
        }
        // Both gone: the exit file is final now, and may have appeared since the first look.
        return OptionalInt.of(ExitStatus.read(paths.exitFile()).map(ExitStatus::exitCode).orElse(UNOBSERVED_EXIT));
    }

    @Override
    public ContainerStats stats(String id) throws RuntimeFailureException {
        requireStarted(id);
        return cgroups.find(id).stats();
    }

    @Override
    public List<ProcessInfo> top(String id) throws RuntimeFailureException {
        requireStarted(id);
        try {
            ProcessTable table = new ProcessTable();
            List<ProcessInfo> processes = new ArrayList<>();
            for (long pid : cgroups.find(id).pids()) {
                table.read(pid).ifPresent(processes::add);
            }
            return processes;
        } catch (IOException e) {
            throw failure("cannot list the processes of container " + id, e);
        }
    }

    private synchronized Set<Capability> ownCapabilities() throws RuntimeFailureException {
        if (ownCapabilities == null) {
            try {
                ownCapabilities = Capability.ownBoundingSet();
            } catch (IOException e) {
                throw new RuntimeFailureException("cannot read berth's own capabilities: " + e.getMessage(), e);
            }
        }
        return ownCapabilities;
    }

    private synchronized NativeHelper helper() throws RuntimeFailureException {
        if (helper == null) {
            helper = new NativeHelper(helperBinary.install());
        }
        return helper;
    }

    private RuntimeRecord requireStarted(String id) throws RuntimeFailureException {
        ContainerPaths paths = ContainerPaths.container(stateRoot, requireId(id));
        RuntimeRecord record = record(id, paths);
        try {
            if (!record.init().isAlive() || ExitStatus.read(record.exitFile()).isPresent()) {
                throw notRunning(id);
            }
        } catch (IOException e) {
            throw failure("cannot read the state of container " + id, e);
        }
        if (Files.exists(paths.fifo())) {
            throw new RuntimeFailureException("container " + id + " is not started yet");
        }
        return record;
    }

    private static RuntimeRecord record(String id, ContainerPaths paths) throws RuntimeFailureException {
        return RuntimeRecord.read(paths.record())
                .orElseThrow(() -> new RuntimeFailureException("no container " + id + " in the runtime"));
    }

    private static Attachment connect(Path socket, String what) throws RuntimeFailureException {
        try {
            return MonitorAttachment.connect(socket);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot attach to " + what + ": it is not running");
        }
    }

    private static RuntimeFailureException notRunning(String id) {
        return new RuntimeFailureException("container " + id + " is not running");
    }

    private static ContainerState stopped(int code, Optional<Instant> startedAt, Optional<Instant> finishedAt) {
        return new ContainerState(ContainerState.Status.STOPPED, 0, code, false, startedAt, finishedAt);
    }

    private static String requireId(String id) throws RuntimeFailureException {
        if (!ID.matcher(id).matches()) {
            throw new RuntimeFailureException("invalid container or exec id \"" + id + "\": use up to 128 letters, "
                    + "digits, '_', '.' and '-'");
        }
        return id;
    }

    private static RuntimeFailureException failure(String what, Exception e) {
        if (e instanceof ExecFailureException exec) {
            return exec;
        }
        if (e instanceof RuntimeFailureException runtime) {
            return runtime;
        }
        return new RuntimeFailureException(what + ": " + e.getMessage(), e);
    }

    private static void makeDirectory(Path directory) throws RuntimeFailureException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> children(Path directory) throws RuntimeFailureException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void deleteFile(Path file) throws RuntimeFailureException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    /** The runtime's own directories hold plain files only (no mounts: those live in the containers). */
    private static void deleteTree(Path root) throws RuntimeFailureException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
