package dev.berth.core.container;

import dev.berth.core.model.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A container as the store records it.
 *
 * @param id               its ID
 * @param name             its name
 * @param created          when it was created
 * @param path             the command's executable (Docker's {@code Path})
 * @param args             the command's arguments (Docker's {@code Args})
 * @param image            the image's ID
 * @param driver           the storage driver its writable layer lives in
 * @param config           what it runs
 * @param hostConfig       how it sits on the host
 * @param state            its state as last recorded
 * @param restartCount     how often its restart policy restarted it
 * @param manuallyStopped  whether the user stopped it (restart policies then leave it stopped)
 */
public record Container(ContainerId id, ContainerName name, Instant created, String path, List<String> args,
                        Digest image, String driver, ContainerConfig config, HostConfig hostConfig,
                        ContainerStatus state, int restartCount, boolean manuallyStopped) {

    public Container {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(path, "path");
        args = List.copyOf(args);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hostConfig, "hostConfig");
        Objects.requireNonNull(state, "state");
    }

    public Container withState(ContainerStatus newState) {
        return new Container(id, name, created, path, args, image, driver, config, hostConfig, newState, restartCount,
                manuallyStopped);
    }

    public Container withName(ContainerName newName) {
        return new Container(id, newName, created, path, args, image, driver, config, hostConfig, state, restartCount,
                manuallyStopped);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, path, args, image, driver, config, hostConfig, state, count,
                manuallyStopped);
    }

    public Container withManuallyStopped(boolean value) {
        return new Container(id, name, created, path, args, image, driver, config, hostConfig, state, restartCount,
                value);
    }
}
