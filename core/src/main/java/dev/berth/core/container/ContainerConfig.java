package dev.berth.core.container;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container runs and how it talks: Docker's {@code Config} of a container, after the image's config
 * and the user's flags were merged.
 *
 * @param hostname    its host name
 * @param user        {@code user[:group]}
 * @param env         the environment
 * @param cmd         the command (or the entrypoint's arguments)
 * @param entrypoint  the entrypoint
 * @param image       the image as the user named it
 * @param workingDir  the working directory
 * @param labels      labels
 * @param tty         {@code -t}
 * @param openStdin   {@code -i}
 * @param stopSignal  the signal {@code stop} sends, empty for SIGTERM
 * @param stopTimeout seconds {@code stop} waits before SIGKILL, if set ({@code --stop-timeout})
 */
public record ContainerConfig(String hostname, String user, List<String> env, List<String> cmd,
                              Optional<List<String>> entrypoint, String image, String workingDir,
                              Map<String, String> labels, boolean tty, boolean openStdin, String stopSignal,
                              Optional<Integer> stopTimeout) {

    public ContainerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(user, "user");
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = entrypoint.map(List::copyOf);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(workingDir, "workingDir");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** The command as Docker runs it: the entrypoint followed by the cmd. */
    public List<String> command() {
        List<String> command = new java.util.ArrayList<>(entrypoint.orElse(List.of()));
        command.addAll(cmd);
        return command;
    }
}
