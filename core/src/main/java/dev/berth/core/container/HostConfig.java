package dev.berth.core.container;

import java.util.List;
import java.util.Objects;

/**
 * How a container sits on the host: Docker's {@code HostConfig}.
 *
 * @param binds          {@code -v /host:/path[:ro]}
 * @param tmpfs          {@code --tmpfs /path[:options]}
 * @param readonlyRootfs {@code --read-only}
 * @param memory         {@code -m} in bytes, 0 for unlimited
 * @param pidsLimit      {@code --pids-limit}, 0 for unlimited
 * @param nanoCpus       {@code --cpus} in billionths of a CPU, 0 for unlimited
 * @param cpuShares      {@code --cpu-shares}, 0 for the default
 * @param restartPolicy  {@code --restart}
 * @param autoRemove     {@code --rm}
 * @param init           {@code --init}
 * @param privileged     {@code --privileged}
 * @param capAdd         {@code --cap-add}
 * @param capDrop        {@code --cap-drop}
 * @param networkMode    {@code --network}: {@code none} (berth's default: an empty network namespace) or
 *                       {@code host}
 * @param ulimits        {@code --ulimit name=soft[:hard]}
 */
public record HostConfig(List<String> binds, List<String> tmpfs, boolean readonlyRootfs, long memory, long pidsLimit,
                         long nanoCpus, long cpuShares, RestartPolicy restartPolicy, boolean autoRemove, boolean init,
                         boolean privileged, List<String> capAdd, List<String> capDrop, String networkMode,
                         List<String> ulimits) {

    public HostConfig {
        binds = List.copyOf(binds);
        tmpfs = List.copyOf(tmpfs);
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        Objects.requireNonNull(networkMode, "networkMode");
        ulimits = List.copyOf(ulimits);
    }

    public boolean hostNetwork() {
        return networkMode.equals("host");
    }
}
