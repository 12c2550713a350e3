package dev.berth.runtime.linux;

import dev.berth.spi.Capability;
import dev.berth.spi.ContainerMount;
import dev.berth.spi.DeviceNode;
import dev.berth.spi.MountSpec;
import dev.berth.spi.Namespace;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link RuntimeSpec} into the helper's spec file, adding what the runtime itself owns: its paths,
 * the cgroup, the OCI-mandated /dev symlinks and, for {@code --init}, the init binary.
 */
final class HelperSpecs {

    /** Where {@code --init} puts the init in the container, as Docker does. */
    static final String INIT_PATH = "/sbin/docker-init";

    private HelperSpecs() {
    }

    static SpecFile container(String id, RuntimeSpec spec, ContainerPaths paths, ContainerCgroup cgroup,
                              ContainerCgroup monitors, Optional<Path> initBinary) throws RuntimeFailureException {
        SpecFile file = new SpecFile().add("id", id);
        for (MountSpec root : spec.root().mounts()) {
            file.add("root", root.type(), root.source(), SpecFile.joined(root.options()),
                    root.workingDirectory().map(Path::toString).orElse(""));
        }
        file.add("rootfs", paths.rootfs().toString());
        if (spec.root().readOnly()) {
            file.add("readonly-root");
        }
        file.add("hostname", spec.hostname());
        namespaces(file, spec.isolation().namespaces());
        cgroup(file, cgroup, monitors);
        cgroup.directories().forEach(d -> file.add("cgroup-dir", d.toString()));
        List<ContainerMount> mounts = new ArrayList<>(spec.mounts());
        ProcessSpec process = spec.process();
        if (spec.init()) {
            Path init = initBinary.orElseThrow();
            mounts.add(ContainerMount.of(INIT_PATH, "bind", init.toString(), "bind", "ro", "nosuid", "nodev"));
            List<String> args = new ArrayList<>(List.of(INIT_PATH, "--"));
            args.addAll(process.args());
            process = process.withArgs(args);
        }
        for (ContainerMount mount : mounts) {
            MountSpec m = mount.mount();
            file.add("mount", mount.destination(), m.type(), m.source(), SpecFile.joined(m.options()), kind(mount));
        }
        for (DeviceNode device : spec.isolation().devices()) {
            file.add("device", device.path(), String.valueOf(device.type()), Long.toString(device.major()),
                    Long.toString(device.minor()), Integer.toOctalString(device.fileMode()), Integer.toString(device.uid()),
                    Integer.toString(device.gid()));
        }
        if (mounts.stream().anyMatch(m -> m.destination().equals("/dev"))) {
            file.add("symlink", "/proc/self/fd", "/dev/fd");
            file.add("symlink", "/proc/self/fd/0", "/dev/stdin");
            file.add("symlink", "/proc/self/fd/1", "/dev/stdout");
            file.add("symlink", "/proc/self/fd/2", "/dev/stderr");
            file.add("symlink", "pts/ptmx", "/dev/ptmx");
        }
        SyscallTable.host().write(file, spec.isolation().deniedSyscalls());
        spec.isolation().maskedPaths().forEach(p -> file.add("masked", p));
        spec.isolation().readOnlyPaths().forEach(p -> file.add("readonly", p));
        // Docker creates a missing working directory; exec does not.
        file.add("mkdir", process.workingDir());
        file.process(process);
        spec.logFile().ifPresent(log -> file.add("log", log.toString()));
        file.add("exit-file", spec.containerDirectory().resolve(ExitStatus.FILE_NAME).toString());
        file.add("socket", paths.socket().toString());
        file.add("fifo", paths.fifo().toString());
        spec.exitCommand().forEach(arg -> file.add("exit-command", arg));
        return file;
    }

    static SpecFile exec(RuntimeRecord container, ProcessSpec process, ContainerPaths paths, ContainerCgroup cgroup,
                         ContainerCgroup monitors, boolean waitForAttach) throws RuntimeFailureException {
        SpecFile file = new SpecFile().add("join-pid", Long.toString(container.init().pid()));
        namespaces(file, container.namespaces());
        cgroup(file, cgroup, monitors);
        SyscallTable.host().write(file, container.deniedSyscalls());
        file.process(process);
        file.add("exit-file", paths.exitFile().toString());
        file.add("socket", paths.socket().toString());
        if (waitForAttach) {
            file.add("hold-output");
        }
        return file;
    }

    /** A process can only be given capabilities that berth has itself: refuse the others by name. */
    static void requireGrantable(ProcessSpec process, Set<Capability> own) throws RuntimeFailureException {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(process.capabilities().bounding());
        missing.addAll(process.capabilities().permitted());
        missing.removeAll(own);
        if (!missing.isEmpty()) {
            throw new RuntimeFailureException("this host does not let berth grant the capabilities " + missing
                    + " (they are not in berth's own bounding set)");
        }
    }

    private static void namespaces(SpecFile file, Set<Namespace> namespaces) {
        for (Namespace namespace : Namespace.values()) {
            if (namespaces.contains(namespace)) {
                file.add("namespace", namespace.procName());
            }
        }
    }

    private static void cgroup(SpecFile file, ContainerCgroup cgroup, ContainerCgroup monitors) {
        cgroup.procsFiles().forEach(p -> file.add("cgroup-procs", p.toString()));
        monitors.procsFiles().forEach(p -> file.add("monitor-procs", p.toString()));
        cgroup.oomFile().ifPresent(p -> file.add("oom-file", p.toString()));
    }

    /** A bind mount of a file needs a file to mount on; everything else a directory. */
    private static String kind(ContainerMount mount) throws RuntimeFailureException {
        if (!mount.isBind()) {
            return "dir";
        }
        Path source = Path.of(mount.mount().source());
        if (!Files.exists(source)) {
            throw new RuntimeFailureException("bind source path does not exist: " + source);
        }
        return Files.isDirectory(source) ? "dir" : "file";
    }
}
