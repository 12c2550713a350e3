package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import dev.berth.spi.Capabilities;
import dev.berth.spi.Capability;
import dev.berth.spi.ConsoleSize;
import dev.berth.spi.ContainerMount;
import dev.berth.spi.DeniedSyscall;
import dev.berth.spi.DeviceNode;
import dev.berth.spi.DeviceRule;
import dev.berth.spi.Isolation;
import dev.berth.spi.MountSpec;
import dev.berth.spi.Namespace;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.Resources;
import dev.berth.spi.Rlimit;
import dev.berth.spi.RootFileSystem;
import dev.berth.spi.RuntimeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Builds a {@link RuntimeSpec} the way Docker builds a container's OCI spec: its 14 default capabilities, its
 * default mounts, masked and read-only paths, devices and device cgroup rules (moby's
 * {@code daemon/pkg/oci/defaults.go} and {@code caps/defaults.go}), from the simple inputs that
 * {@code docker run} takes.
 */
public final class DefaultSpec {

    private static final long CLONE_NEWUSER = 0x10000000;

    /** Docker's and containerd's default capabilities. */
    public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FSETID, Capability.FOWNER, Capability.MKNOD,
            Capability.NET_RAW, Capability.SETGID, Capability.SETUID, Capability.SETFCAP, Capability.SETPCAP,
            Capability.NET_BIND_SERVICE, Capability.SYS_CHROOT, Capability.KILL, Capability.AUDIT_WRITE));

    /** Paths Docker hides from a container that is not privileged. */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");

    /** Paths Docker makes read-only in a container that is not privileged. */
    public static final List<String> READ_ONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** The device nodes of every container's /dev. */
    public static final List<DeviceNode> DEVICES = List.of(
            DeviceNode.character("/dev/null", 1, 3), DeviceNode.character("/dev/zero", 1, 5),
            DeviceNode.character("/dev/full", 1, 7), DeviceNode.character("/dev/random", 1, 8),
            DeviceNode.character("/dev/urandom", 1, 9), DeviceNode.character("/dev/tty", 5, 0));

    /** What the device cgroup lets a container that is not privileged use; everything else is denied. */
    public static final List<DeviceRule> DEVICE_RULES = List.of(
            DeviceRule.allow('c', DeviceRule.ANY, DeviceRule.ANY, "m"),
            DeviceRule.allow('b', DeviceRule.ANY, DeviceRule.ANY, "m"),
            DeviceRule.allow('c', 1, 3, "rwm"), DeviceRule.allow('c', 1, 5, "rwm"),
            DeviceRule.allow('c', 1, 7, "rwm"), DeviceRule.allow('c', 1, 8, "rwm"),
            DeviceRule.allow('c', 1, 9, "rwm"), DeviceRule.allow('c', 5, 0, "rwm"),
            DeviceRule.allow('c', 5, 1, "rwm"), DeviceRule.allow('c', 5, 2, "rwm"),
            DeviceRule.allow('c', 136, DeviceRule.ANY, "rwm"), DeviceRule.allow('c', 10, 200, "rwm"));

    /**
     * The system calls refused to a container that is not privileged, from Docker's default seccomp profile:
     * those that capabilities do not already guard. Keyrings are not namespaced; a user namespace would give
     * the container's processes every capability inside it, mounts included. clone3 fails with ENOSYS, as
     * under Docker, because its flags cannot be inspected: the C library then falls back to clone.
     */
    public static final List<DeniedSyscall> DENIED_SYSCALLS = List.of(
            DeniedSyscall.always("keyctl", DeniedSyscall.EPERM), DeniedSyscall.always("add_key", DeniedSyscall.EPERM),
            DeniedSyscall.always("request_key", DeniedSyscall.EPERM));

    /** Refused unless the container has CAP_SYS_ADMIN, as in Docker's profile. */
    public static final List<DeniedSyscall> DENIED_WITHOUT_SYS_ADMIN = List.of(
            DeniedSyscall.withFlags("unshare", 0, CLONE_NEWUSER), DeniedSyscall.withFlags("clone", 0, CLONE_NEWUSER),
            DeniedSyscall.always("clone3", DeniedSyscall.ENOSYS), DeniedSyscall.always("bpf", DeniedSyscall.EPERM),
            DeniedSyscall.always("perf_event_open", DeniedSyscall.EPERM));

    /** Refused unless the container has CAP_SYS_PTRACE, as in Docker's profile. */
    public static final List<DeniedSyscall> DENIED_WITHOUT_SYS_PTRACE = List.of(
            DeniedSyscall.always("userfaultfd", DeniedSyscall.EPERM));

    /** The PATH a container gets when its image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The files of the container's directory that Docker bind-mounts into /etc. */
    public static final List<String> HOST_FILES = List.of("hostname", "hosts", "resolv.conf");

    private static final long CPU_PERIOD = 100_000;

    private DefaultSpec() {
    }

    /**
     * Starts a spec.
     *
     * @param root               the root file system's mounts, as the storage driver described them
     * @param command            the merged entrypoint and command
     * @param containerDirectory the container's directory: exit status, and the hostname, hosts and
     *                           resolv.conf files that are bind-mounted into /etc when present
     */
    public static Builder builder(List<MountSpec> root, List<String> command, Path containerDirectory) {
        return new Builder(root, command, containerDirectory);
    }

    /**
     * Parses {@code -v /host/path:/container/path[:ro|:rw]} for a host path. Named volumes are not this
     * parser's business.
     */
    public static ContainerMount bind(String volume) throws InvalidInputException {
        String[] parts = volume.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith("/")) {
            throw new InvalidInputException("invalid volume specification: '" + volume + "': use /host/path:/path[:ro]");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                if (option.equals("ro")) {
                    readOnly = true;
                } else if (!option.equals("rw")) {
                    throw new InvalidInputException("invalid mode: " + option + " in volume '" + volume + "'");
                }
            }
        }
        try {
            return ContainerMount.bind(Path.of(parts[0]), parts[1], readOnly);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid volume specification: '" + volume + "': " + e.getMessage());
        }
    }

    /** Parses {@code --tmpfs /path[:options]}; Docker's defaults are noexec, nosuid and nodev. */
    public static ContainerMount tmpfs(String value) throws InvalidInputException {
        int colon = value.indexOf(':');
        String destination = colon < 0 ? value : value.substring(0, colon);
        List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev"));
        if (colon >= 0 && !value.substring(colon + 1).isEmpty()) {
            options.addAll(List.of(value.substring(colon + 1).split(",")));
        }
        try {
            return ContainerMount.of(destination, "tmpfs", "tmpfs", options.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid tmpfs specification '" + value + "': " + e.getMessage());
        }
    }

    /**
     * The capabilities {@code --cap-add} and {@code --cap-drop} give, as Docker combines them: {@code ALL} in
     * the adds starts from every capability, {@code ALL} in the drops from none; otherwise the defaults plus
     * the adds minus the drops.
     */
    public static Set<Capability> capabilities(List<String> add, List<String> drop, boolean privileged)
            throws InvalidInputException {
        Set<Capability> all = available();
        if (privileged) {
            return all;
        }
        Set<Capability> adds = parseCapabilities(add);
        Set<Capability> drops = parseCapabilities(drop);
        Set<Capability> result;
        if (isAll(add)) {
            result = all;
        } else if (isAll(drop)) {
            return adds;
        } else {
            result = EnumSet.copyOf(CAPABILITIES);
            result.addAll(adds);
        }
        result.removeAll(drops);
        return result;
    }

    /**
     * Every capability berth itself may grant: those of its own bounding set (a host may withhold some, even
     * from root). "All" means these.
     */
    static Set<Capability> available() {
        try {
            return Capability.ownBoundingSet();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read berth's own capabilities", e);
        }
    }

    private static boolean isAll(List<String> names) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase("ALL"));
    }

    private static Set<Capability> parseCapabilities(List<String> names) throws InvalidInputException {
        Set<Capability> parsed = EnumSet.noneOf(Capability.class);
        for (String name : names) {
            if (name.equalsIgnoreCase("ALL")) {
                continue;
            }
            try {
                parsed.add(Capability.parse(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        return parsed;
    }

    /** The inputs of one container's spec; every setter returns the builder. */
    public static final class Builder {

        private final List<MountSpec> root;
        private final List<String> command;
        private final Path containerDirectory;
        private String hostname = "";
        private List<String> env = List.of();
        private String workingDir = "/";
        private String user = "";
        private List<Integer> groupAdd = List.of();
        private boolean terminal;
        private boolean openStdin;
        private Optional<ConsoleSize> consoleSize = Optional.empty();
        private boolean readOnlyRoot;
        private List<ContainerMount> mounts = List.of();
        private List<String> capAdd = List.of();
        private List<String> capDrop = List.of();
        private boolean privileged;
        private boolean hostNetwork;
        private OptionalLong memory = OptionalLong.empty();
        private OptionalLong memorySwap = OptionalLong.empty();
        private OptionalLong pidsLimit = OptionalLong.empty();
        private OptionalLong cpuQuota = OptionalLong.empty();
        private OptionalLong cpuShares = OptionalLong.empty();
        private List<Rlimit> ulimits = List.of();
        private boolean init;
        private boolean noNewPrivileges;
        private Optional<Path> logFile = Optional.empty();
        private List<String> exitCommand = List.of();
        private boolean cgroupV2;

        private Builder(List<MountSpec> root, List<String> command, Path containerDirectory) {
            this.root = List.copyOf(root);
            this.command = List.copyOf(command);
            this.containerDirectory = containerDirectory;
        }

        /** The host name; Docker's default is the short container ID, which the caller knows. */
        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        /** The image's environment merged with {@code -e}; PATH, HOSTNAME and (with a tty) TERM are added. */
        public Builder env(List<String> value) {
            env = List.copyOf(value);
            return this;
        }

        public Builder workingDir(String value) {
            workingDir = value.isEmpty() ? "/" : value;
            return this;
        }

        /** {@code -u user[:group]}, resolved in the container. */
        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder groupAdd(List<Integer> gids) {
            groupAdd = List.copyOf(gids);
            return this;
        }

        /** {@code -t}, {@code -i}, and the terminal's size when known. */
        public Builder stdio(boolean tty, boolean interactive, Optional<ConsoleSize> size) {
            terminal = tty;
            openStdin = interactive;
            consoleSize = size;
            return this;
        }

        public Builder readOnlyRoot(boolean value) {
            readOnlyRoot = value;
            return this;
        }

        /** {@code -v} and {@code --tmpfs} mounts (see {@link DefaultSpec#bind} and {@link DefaultSpec#tmpfs}). */
        public Builder mounts(List<ContainerMount> value) {
            mounts = List.copyOf(value);
            return this;
        }

        public Builder capabilities(List<String> add, List<String> drop) {
            capAdd = List.copyOf(add);
            capDrop = List.copyOf(drop);
            return this;
        }

        public Builder privileged(boolean value) {
            privileged = value;
            return this;
        }

        /** {@code --network host}: the host's network namespace; otherwise an empty one with loopback. */
        public Builder hostNetwork(boolean value) {
            hostNetwork = value;
            return this;
        }

        /** {@code -m}; with no {@code --memory-swap}, swap is allowed as much again (Docker's default). */
        public Builder memory(long bytes) {
            memory = OptionalLong.of(bytes);
            return this;
        }

        /** {@code --memory-swap}: memory plus swap; -1 for unlimited swap. */
        public Builder memorySwap(long bytes) {
            memorySwap = OptionalLong.of(bytes);
            return this;
        }

        public Builder pidsLimit(long value) {
            pidsLimit = value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
            return this;
        }

        /** {@code --cpus}: a quota of that many CPUs per 100 ms period. */
        public Builder cpus(double value) throws InvalidInputException {
            if (!(value > 0) || value > 1024) {
                throw new InvalidInputException("invalid --cpus value " + value + ": use a positive number of CPUs");
            }
            cpuQuota = OptionalLong.of(Math.round(value * CPU_PERIOD));
            return this;
        }

        public Builder cpuShares(long value) {
            cpuShares = value > 0 ? OptionalLong.of(Math.max(2, Math.min(262144, value))) : OptionalLong.empty();
            return this;
        }

        public Builder ulimits(List<Rlimit> value) {
            ulimits = List.copyOf(value);
            return this;
        }

        public Builder init(boolean value) {
            init = value;
            return this;
        }

        public Builder noNewPrivileges(boolean value) {
            noNewPrivileges = value;
            return this;
        }

        /** Where the json-file log goes: Docker's {@code <container dir>/<id>-json.log}. */
        public Builder logFile(Path value) {
            logFile = Optional.of(value);
            return this;
        }

        public Builder exitCommand(List<String> value) {
            exitCommand = List.copyOf(value);
            return this;
        }

        /** Whether the host has cgroup v2: the container then sees its own cgroup at /sys/fs/cgroup. */
        public Builder cgroupV2(boolean value) {
            cgroupV2 = value;
            return this;
        }

        public RuntimeSpec build() throws InvalidInputException {
            try {
                Set<Capability> capabilities = DefaultSpec.capabilities(capAdd, capDrop, privileged);
                ProcessSpec process = ProcessSpec.of(command, environment(), workingDir)
                        .withUser(user, groupAdd)
                        .withStdio(terminal, openStdin, consoleSize)
                        .withCapabilities(Capabilities.of(capabilities))
                        .withNoNewPrivileges(noNewPrivileges)
                        .withRlimits(ulimits);
                Set<Namespace> namespaces = EnumSet.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC,
                        Namespace.CGROUP);
                if (!hostNetwork) {
                    namespaces.add(Namespace.NETWORK);
                }
                Isolation isolation = new Isolation(namespaces, privileged ? List.of() : MASKED_PATHS,
                        privileged ? List.of() : READ_ONLY_PATHS, privileged ? hostDevices() : DEVICES,
                        privileged ? List.of() : deniedSyscalls(capabilities));
                return new RuntimeSpec(hostname, new RootFileSystem(root, readOnlyRoot), process, allMounts(),
                        isolation, resources(), init, containerDirectory, logFile, exitCommand);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }

        private static List<DeniedSyscall> deniedSyscalls(Set<Capability> capabilities) {
            List<DeniedSyscall> denied = new ArrayList<>(DENIED_SYSCALLS);
            if (!capabilities.contains(Capability.SYS_ADMIN)) {
                denied.addAll(DENIED_WITHOUT_SYS_ADMIN);
            }
            if (!capabilities.contains(Capability.SYS_PTRACE)) {
                denied.addAll(DENIED_WITHOUT_SYS_PTRACE);
            }
            return denied;
        }

        private List<String> environment() {
            List<String> result = new ArrayList<>();
            if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
                result.add("PATH=" + DEFAULT_PATH);
            }
            if (!hostname.isEmpty() && env.stream().noneMatch(e -> e.startsWith("HOSTNAME="))) {
                result.add("HOSTNAME=" + hostname);
            }
            if (terminal && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
                result.add("TERM=xterm");
            }
            result.addAll(env);
            return result;
        }

        private List<ContainerMount> allMounts() {
            List<ContainerMount> all = new ArrayList<>();
            all.add(ContainerMount.of("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
            all.add(ContainerMount.of("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
            all.add(ContainerMount.of("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance",
                    "ptmxmode=0666", "mode=0620", "gid=5"));
            all.add(ContainerMount.of("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", privileged ? "rw" : "ro"));
            if (cgroupV2) {
                all.add(ContainerMount.of("/sys/fs/cgroup", "cgroup2", "cgroup", "nosuid", "noexec", "nodev", "relatime",
                        privileged ? "rw" : "ro"));
            }
            all.add(ContainerMount.of("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
            all.add(ContainerMount.of("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
            for (String name : HOST_FILES) {
                Path file = containerDirectory.resolve(name);
                if (Files.isRegularFile(file)) {
                    all.add(ContainerMount.bind(file, "/etc/" + name, readOnlyRoot));
                }
            }
            // Docker mounts the user's mounts after its own, shallower destinations first.
            List<ContainerMount> user = new ArrayList<>(mounts);
            user.sort((a, b) -> Long.compare(depth(a.destination()), depth(b.destination())));
            all.addAll(user);
            return all;
        }

        private static long depth(String path) {
            return path.chars().filter(c -> c == '/').count();
        }

        private Resources resources() {
            OptionalLong swap = memorySwap;
            if (memory.isPresent() && swap.isEmpty()) {
                swap = OptionalLong.of(memory.getAsLong() * 2);
            } else if (swap.isPresent() && swap.getAsLong() < 0) {
                swap = OptionalLong.empty();
            }
            return new Resources(memory, swap, pidsLimit, cpuQuota, cpuQuota.isPresent() ? OptionalLong.of(CPU_PERIOD)
                    : OptionalLong.empty(), cpuShares, privileged ? List.of() : DEVICE_RULES);
        }
    }

    /** A privileged container gets a node for every device of the host's /dev, as with Docker. */
    static List<DeviceNode> hostDevices() {
        List<DeviceNode> devices = new ArrayList<>();
        try (var walk = Files.walk(Path.of("/dev"), 3)) {
            for (Path path : walk.toList()) {
                String name = path.toString();
                if (name.startsWith("/dev/pts") || name.startsWith("/dev/shm") || name.startsWith("/dev/mqueue")
                        || name.equals("/dev/console") || name.equals("/dev/ptmx") || Files.isSymbolicLink(path)) {
                    continue;
                }
                int mode = (Integer) Files.getAttribute(path, "unix:mode");
                int type = mode & 0170000;
                if (type != 0020000 && type != 0060000) {
                    continue;
                }
                long rdev = (Long) Files.getAttribute(path, "unix:rdev");
                long major = ((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >> 12) & ~0xffL);
                devices.add(new DeviceNode(name, type == 0020000 ? 'c' : 'b', major, minor, mode & 07777,
                        (Integer) Files.getAttribute(path, "unix:uid"), (Integer) Files.getAttribute(path, "unix:gid")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the host's devices for a privileged container", e);
        }
        return devices;
    }
}
