package dev.berth.core.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.BerthException;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.layer.WritableLayer;
import dev.berth.core.model.Json;
import dev.berth.core.model.Timestamps;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code container inspect} says about a container, shaped as Docker's API shapes it. */
public final class ContainerDescriptions {

    private final ContainerStore store;
    private final LayerStore layers;

    public ContainerDescriptions(ContainerStore store, LayerStore layers) {
        this.store = store;
        this.layers = layers;
    }

    public ObjectNode inspect(Container c) throws BerthException {
        Path dir = store.directory(c.id());
        ObjectNode node = Json.object();
        node.put("Id", c.id().hex());
        node.put("Created", Timestamps.format(c.created()));
        node.put("Path", c.path());
        ContainerRecords.strings(node.putArray("Args"), c.args());
        ObjectNode state = node.putObject("State");
        state.put("Status", c.state().name());
        ContainerRecords.putState(state, c.state());
        node.put("Image", c.image().toString());
        node.put("ResolvConfPath", dir.resolve("resolv.conf").toString());
        node.put("HostnamePath", dir.resolve("hostname").toString());
        node.put("HostsPath", dir.resolve("hosts").toString());
        node.put("LogPath", dir.resolve(c.id().hex() + "-json.log").toString());
        node.put("Name", "/" + c.name().value());
        node.put("RestartCount", c.restartCount());
        node.put("Driver", c.driver());
        node.put("Platform", "linux");
        node.put("MountLabel", "");
        node.put("ProcessLabel", "");
        node.put("AppArmorProfile", "");
        node.putNull("ExecIDs");
        HostConfig h = c.hostConfig();
        ObjectNode host = node.putObject("HostConfig");
        stringsOrNull(host, "Binds", h.binds());
        host.put("NetworkMode", h.networkMode());
        ObjectNode restart = host.putObject("RestartPolicy");
        restart.put("Name", h.restartPolicy().name().text());
        restart.put("MaximumRetryCount", h.restartPolicy().maximumRetryCount());
        host.put("AutoRemove", h.autoRemove());
        stringsOrNull(host, "CapAdd", h.capAdd());
        stringsOrNull(host, "CapDrop", h.capDrop());
        host.put("Privileged", h.privileged());
        host.put("ReadonlyRootfs", h.readonlyRootfs());
        if (h.tmpfs().isEmpty()) {
            host.putNull("Tmpfs");
        } else {
            ObjectNode tmpfs = host.putObject("Tmpfs");
            for (String entry : h.tmpfs()) {
                int colon = entry.indexOf(':');
                tmpfs.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
            }
        }
        host.put("Memory", h.memory());
        host.put("NanoCpus", h.nanoCpus());
        host.put("CpuShares", h.cpuShares());
        if (h.pidsLimit() > 0) {
            host.put("PidsLimit", h.pidsLimit());
        } else {
            host.putNull("PidsLimit");
        }
        stringsOrNull(host, "Ulimits", h.ulimits());
        host.put("Init", h.init());
        ObjectNode graphDriver = node.putObject("GraphDriver");
        ObjectNode data = graphDriver.putObject("Data");
        Optional<WritableLayer> layer = layers.writable(c.id().hex());
        if (layer.isPresent()) {
            layers.driverData(layer.get()).forEach(data::put);
        }
        graphDriver.put("Name", c.driver());
        ArrayNode mounts = node.putArray("Mounts");
        for (String bind : h.binds()) {
            String[] parts = bind.split(":");
            ObjectNode mount = mounts.addObject();
            mount.put("Type", "bind");
            mount.put("Source", parts[0]);
            mount.put("Destination", parts.length > 1 ? parts[1] : "");
            mount.put("Mode", parts.length > 2 ? parts[2] : "");
            mount.put("RW", parts.length < 3 || !List.of(parts[2].split(",")).contains("ro"));
            mount.put("Propagation", "rprivate");
        }
        ContainerConfig k = c.config();
        ObjectNode config = node.putObject("Config");
        config.put("Hostname", k.hostname());
        config.put("Domainname", "");
        config.put("User", k.user());
        config.put("AttachStdin", k.openStdin());
        config.put("AttachStdout", true);
        config.put("AttachStderr", true);
        config.put("Tty", k.tty());
        config.put("OpenStdin", k.openStdin());
        config.put("StdinOnce", k.openStdin());
        ContainerRecords.strings(config.putArray("Env"), k.env());
        stringsOrNull(config, "Cmd", k.cmd());
        config.put("Image", k.image());
        config.putNull("Volumes");
        config.put("WorkingDir", k.workingDir());
        stringsOrNull(config, "Entrypoint", k.entrypoint().orElse(List.of()));
        config.putNull("OnBuild");
        ObjectNode labels = config.putObject("Labels");
        k.labels().forEach(labels::put);
        if (!k.stopSignal().isEmpty()) {
            config.put("StopSignal", k.stopSignal());
        }
        if (k.stopTimeout().isPresent()) {
            config.put("StopTimeout", k.stopTimeout().get());
        }
        ObjectNode network = node.putObject("NetworkSettings");
        network.put("SandboxKey", "");
        network.putObject("Ports");
        network.putObject("Networks").putObject(h.hostNetwork() ? "host" : "none");
        return node;
    }

    private static void stringsOrNull(ObjectNode node, String field, List<String> values) {
        if (values.isEmpty()) {
            node.putNull(field);
        } else {
            ContainerRecords.strings(node.putArray(field), values);
        }
    }
}
