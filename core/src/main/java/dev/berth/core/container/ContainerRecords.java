package dev.berth.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import dev.berth.core.model.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's record on disk ({@code containers/<id>/config.json}), in the shape and with the names of
 * Docker's container JSON, so that people and tools who know Docker's can read it.
 */
final class ContainerRecords {

    private ContainerRecords() {
    }

    static byte[] write(Container c) {
        ObjectNode node = Json.object();
        node.put("Id", c.id().hex());
        node.put("Created", Timestamps.format(c.created()));
        node.put("Path", c.path());
        strings(node.putArray("Args"), c.args());
        ObjectNode state = node.putObject("State");
        putState(state, c.state());
        state.put("RemovalInProgress", c.state().removalInProgress());
        node.put("Image", c.image().toString());
        node.put("Name", c.name().value());
        node.put("RestartCount", c.restartCount());
        node.put("Driver", c.driver());
        node.put("HasBeenManuallyStopped", c.manuallyStopped());
        ObjectNode config = node.putObject("Config");
        ContainerConfig k = c.config();
        config.put("Hostname", k.hostname());
        config.put("User", k.user());
        config.put("Tty", k.tty());
        config.put("OpenStdin", k.openStdin());
        strings(config.putArray("Env"), k.env());
        strings(config.putArray("Cmd"), k.cmd());
        config.put("Image", k.image());
        config.put("WorkingDir", k.workingDir());
        if (k.entrypoint().isPresent()) {
            strings(config.putArray("Entrypoint"), k.entrypoint().get());
        } else {
            config.putNull("Entrypoint");
        }
        ObjectNode labels = config.putObject("Labels");
        k.labels().forEach(labels::put);
        config.put("StopSignal", k.stopSignal());
        if (k.stopTimeout().isPresent()) {
            config.put("StopTimeout", k.stopTimeout().get());
        }
        ObjectNode host = node.putObject("HostConfig");
        HostConfig h = c.hostConfig();
        strings(host.putArray("Binds"), h.binds());
        strings(host.putArray("Tmpfs"), h.tmpfs());
        host.put("ReadonlyRootfs", h.readonlyRootfs());
        host.put("Memory", h.memory());
        host.put("PidsLimit", h.pidsLimit());
        host.put("NanoCpus", h.nanoCpus());
        host.put("CpuShares", h.cpuShares());
        ObjectNode restart = host.putObject("RestartPolicy");
        restart.put("Name", h.restartPolicy().name().text());
        restart.put("MaximumRetryCount", h.restartPolicy().maximumRetryCount());
        host.put("AutoRemove", h.autoRemove());
        host.put("Init", h.init());
        host.put("Privileged", h.privileged());
        strings(host.putArray("CapAdd"), h.capAdd());
        strings(host.putArray("CapDrop"), h.capDrop());
        host.put("NetworkMode", h.networkMode());
        strings(host.putArray("Ulimits"), h.ulimits());
        return Json.pretty(node);
    }

    static Container read(byte[] bytes) throws IOException, InvalidInputException {
        JsonNode node = Json.read(bytes);
        JsonNode state = node.path("State");
        JsonNode config = node.path("Config");
        JsonNode host = node.path("HostConfig");
        JsonNode restart = host.path("RestartPolicy");
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new Container(
                new ContainerId(node.path("Id").asText()),
                new ContainerName(node.path("Name").asText()),
                Timestamps.parse(node.path("Created").asText()).orElse(Instant.EPOCH),
                node.path("Path").asText(),
                strings(node.path("Args")),
                Digest.parse(node.path("Image").asText()),
                node.path("Driver").asText(),
                new ContainerConfig(config.path("Hostname").asText(), config.path("User").asText(),
                        strings(config.path("Env")), strings(config.path("Cmd")),
                        config.path("Entrypoint").isArray() ? Optional.of(strings(config.path("Entrypoint")))
                                : Optional.empty(),
                        config.path("Image").asText(), config.path("WorkingDir").asText(), labels,
                        config.path("Tty").asBoolean(), config.path("OpenStdin").asBoolean(),
                        config.path("StopSignal").asText(),
                        config.has("StopTimeout") ? Optional.of(config.get("StopTimeout").asInt()) : Optional.empty()),
                new HostConfig(strings(host.path("Binds")), strings(host.path("Tmpfs")),
                        host.path("ReadonlyRootfs").asBoolean(), host.path("Memory").asLong(),
                        host.path("PidsLimit").asLong(), host.path("NanoCpus").asLong(), host.path("CpuShares").asLong(),
                        new RestartPolicy(RestartPolicy.parse(restart.path("Name").asText("no")).name(),
                                restart.path("MaximumRetryCount").asInt()),
                        host.path("AutoRemove").asBoolean(), host.path("Init").asBoolean(),
                        host.path("Privileged").asBoolean(), strings(host.path("CapAdd")), strings(host.path("CapDrop")),
                        host.path("NetworkMode").asText("none"), strings(host.path("Ulimits"))),
                new ContainerStatus(state.path("Running").asBoolean(), state.path("Paused").asBoolean(),
                        state.path("Restarting").asBoolean(), state.path("OOMKilled").asBoolean(),
                        state.path("Dead").asBoolean(), state.path("RemovalInProgress").asBoolean(),
                        state.path("Pid").asLong(), state.path("ExitCode").asInt(), state.path("Error").asText(),
                        Timestamps.parse(state.path("StartedAt").asText()),
                        Timestamps.parse(state.path("FinishedAt").asText())),
                node.path("RestartCount").asInt(),
                node.path("HasBeenManuallyStopped").asBoolean());
    }

    /** The fields of Docker's {@code State} that the record and {@code inspect} share, in Docker's order. */
    static void putState(ObjectNode state, ContainerStatus s) {
        state.put("Running", s.running());
        state.put("Paused", s.paused());
        state.put("Restarting", s.restarting());
        state.put("OOMKilled", s.oomKilled());
        state.put("Dead", s.dead());
        state.put("Pid", s.pid());
        state.put("ExitCode", s.exitCode());
        state.put("Error", s.error());
        state.put("StartedAt", Timestamps.formatOrZero(s.startedAt()));
        state.put("FinishedAt", Timestamps.formatOrZero(s.finishedAt()));
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
