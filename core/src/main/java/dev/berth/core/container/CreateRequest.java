package dev.berth.core.container;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code create} and {@code run} ask for, the flags of {@code docker run} with their values parsed.
 *
 * @param image       the image, as the user named it
 * @param name        {@code --name}, if given
 * @param command     the command after the image, empty for the image's
 * @param entrypoint  {@code --entrypoint}, if given (an empty list for {@code --entrypoint ""})
 * @param env         {@code -e} and {@code --env-file} entries, in order
 * @param workingDir  {@code -w}, empty for the image's
 * @param user        {@code -u}, empty for the image's
 * @param hostname    {@code --hostname}, empty for the short ID
 * @param labels      {@code --label}
 * @param tty         {@code -t}
 * @param interactive {@code -i}
 * @param hostConfig  how the container sits on the host
 * @param stopSignal  {@code --stop-signal}, empty for the image's
 * @param stopTimeout {@code --stop-timeout}, if given
 */
public record CreateRequest(String image, Optional<String> name, List<String> command,
                            Optional<List<String>> entrypoint, List<String> env, String workingDir, String user,
                            String hostname, Map<String, String> labels, boolean tty, boolean interactive,
                            HostConfig hostConfig, String stopSignal, Optional<Integer> stopTimeout) {

    public CreateRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        entrypoint = entrypoint.map(List::copyOf);
        env = List.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hostname, "hostname");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(hostConfig, "hostConfig");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }
}
