package dev.berth.cli.command.container;

import dev.berth.cli.HumanUnits;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.CreateRequest;
import dev.berth.core.container.HostConfig;
import dev.berth.core.container.RestartPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags {@code create} and {@code run} share, and the request they make. */
public final class ContainerOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "VAR", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir = "";

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user = "";

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"-v", "--volume"}, paramLabel = "BIND", description = "Bind mount a volume (/host/path:/path[:ro])")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "PATH", description = "Mount a tmpfs directory")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "Container host name")
    String hostname = "";

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit")
    String memory;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Tune container pids limit (set -1 for unlimited)")
    long pidsLimit;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs")
    String cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU shares (relative weight)")
    long cpuShares;

    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
    boolean init;

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy to apply when a container exits (default \"no\")")
    String restart = "no";

    @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
    boolean remove;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal to stop the container")
    String stopSignal = "";

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", description = "Timeout (in seconds) to stop a container")
    Integer stopTimeout;

    @Option(names = {"-l", "--label"}, paramLabel = "LABEL", description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    @Option(names = "--privileged", description = "Give extended privileges to this container")
    boolean privileged;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = {"--network", "--net"}, paramLabel = "NETWORK", description = "Connect a container to a network: none (default) or host")
    String network = "none";

    @Option(names = "--ulimit", paramLabel = "ULIMIT", description = "Ulimit options (name=soft[:hard])")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (\"always\", \"missing\", \"never\") (default \"missing\")")
    String pull = "missing";

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    /** When to pull the image first. */
    ImageForContainer.PullPolicy pullPolicy() throws InvalidInputException {
        return ImageForContainer.PullPolicy.parse(pull);
    }

    /** The request these flags make; {@code environment} is where {@code -e NAME} takes its value from. */
    CreateRequest request(Map<String, String> environment) throws InvalidInputException {
        List<String> allEnv = new ArrayList<>();
        for (Path file : envFiles) {
            allEnv.addAll(envFile(file, environment));
        }
        for (String entry : env) {
            fromEnvironment(entry, environment).ifPresent(allEnv::add);
        }
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        HostConfig host = new HostConfig(volumes, tmpfs, readOnly,
                memory == null ? 0 : HumanUnits.ramInBytes(memory, "-m, --memory"), Math.max(pidsLimit, 0),
                cpus == null ? 0 : HumanUnits.nanoCpus(cpus), cpuShares, RestartPolicy.parse(restart), remove, init,
                privileged, capAdd, capDrop, network.equals("default") ? "none" : network, ulimits);
        return new CreateRequest(image, Optional.ofNullable(name), command,
                entrypoint == null ? Optional.empty()
                        : Optional.of(entrypoint.isEmpty() ? List.of() : List.of(entrypoint)),
                allEnv, workdir, user, hostname, labelMap, tty, interactive, host, stopSignal,
                Optional.ofNullable(stopTimeout));
    }

    /** {@code -e NAME} takes the value of NAME in berth's own environment, and is dropped when unset (Docker). */
    private static Optional<String> fromEnvironment(String entry, Map<String, String> environment) {
        if (entry.contains("=")) {
            return Optional.of(entry);
        }
        String value = environment.get(entry);
        return value == null ? Optional.empty() : Optional.of(entry + "=" + value);
    }

    private static List<String> envFile(Path file, Map<String, String> environment) throws InvalidInputException {
        List<String> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.stripLeading();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("=")) {
                    throw new InvalidInputException("invalid environment variable in " + file + ": " + line);
                }
                fromEnvironment(trimmed, environment).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new InvalidInputException("open " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }
}
