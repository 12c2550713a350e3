package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import dev.berth.core.host.CgroupMode;
import dev.berth.spi.ConsoleSize;
import dev.berth.spi.ContainerMount;
import dev.berth.spi.MountSpec;
import dev.berth.spi.Rlimit;
import dev.berth.spi.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a container's record into the runtime spec it runs with, through Docker's defaults
 * ({@link DefaultSpec}); and writes the files of the container's directory that the spec bind-mounts
 * ({@code /etc/hostname}, {@code /etc/hosts}, {@code /etc/resolv.conf}).
 */
public final class ContainerSpecs {

    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Path HOST_HOSTS = Path.of("/etc/hosts");

    private final CgroupMode cgroups;

    public ContainerSpecs(CgroupMode cgroups) {
        this.cgroups = cgroups;
    }

    /**
     * The spec of {@code container}.
     *
     * @param root        the root file system's mounts, as the storage driver described them
     * @param directory   the container's directory
     * @param consoleSize the size of the user's terminal, with {@code -t}
     * @param exitCommand what the runtime runs after the exit, empty for nothing
     */
    public RuntimeSpec build(Container container, List<MountSpec> root, Path directory, Optional<ConsoleSize> consoleSize,
                             List<String> exitCommand) throws InvalidInputException {
        ContainerConfig config = container.config();
        HostConfig host = container.hostConfig();
        writeHostFiles(container, directory);
        List<ContainerMount> mounts = new ArrayList<>();
        for (String bind : host.binds()) {
            mounts.add(DefaultSpec.bind(bind));
        }
        for (String tmpfs : host.tmpfs()) {
            mounts.add(DefaultSpec.tmpfs(tmpfs));
        }
        List<Rlimit> ulimits = new ArrayList<>();
        for (String ulimit : host.ulimits()) {
            try {
                ulimits.add(Rlimit.parse(ulimit));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid ulimit \"" + ulimit + "\": " + e.getMessage());
            }
        }
        DefaultSpec.Builder spec = DefaultSpec.builder(root, config.command(), directory)
                .hostname(config.hostname())
                .env(config.env())
                .workingDir(config.workingDir())
                .user(config.user())
                .stdio(config.tty(), config.openStdin(), consoleSize)
                .readOnlyRoot(host.readonlyRootfs())
                .mounts(mounts)
                .capabilities(host.capAdd(), host.capDrop())
                .privileged(host.privileged())
                .hostNetwork(host.hostNetwork())
                .pidsLimit(host.pidsLimit())
                .cpuShares(host.cpuShares())
                .ulimits(ulimits)
                .init(host.init())
                .logFile(directory.resolve(container.id().hex() + "-json.log"))
                .exitCommand(exitCommand)
                .cgroupV2(cgroups == CgroupMode.UNIFIED);
        if (host.memory() > 0) {
            spec.memory(host.memory());
        }
        if (host.nanoCpus() > 0) {
            spec.cpus(host.nanoCpus() / 1e9);
        }
        return spec.build();
    }

    private static void writeHostFiles(Container container, Path directory) throws InvalidInputException {
        String hostname = container.config().hostname();
        try {
            Files.writeString(directory.resolve("hostname"), hostname + "\n");
            StringBuilder hosts = new StringBuilder();
            if (container.hostConfig().hostNetwork()) {
                hosts.append(read(HOST_HOSTS));
            } else {
                hosts.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
                        .append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n")
                        .append("ff02::2\tip6-allrouters\n127.0.1.1\t").append(hostname).append('\n');
            }
            Files.writeString(directory.resolve("hosts"), hosts.toString());
            Files.writeString(directory.resolve("resolv.conf"), resolvConf(container.hostConfig().hostNetwork()));
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the host files of container "
                    + container.id().shortId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The host's resolver configuration; without the host's network, nameservers on the host's loopback are
     * useless inside the container and dropped, as Docker drops them.
     */
    static String resolvConf(boolean hostNetwork) throws IOException {
        String host = read(HOST_RESOLV_CONF);
        if (hostNetwork) {
            return host;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : host.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("nameserver") && (trimmed.contains(" 127.") || trimmed.endsWith(" ::1"))) {
                continue;
            }
            kept.append(line).append('\n');
        }
        return kept.toString();
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
