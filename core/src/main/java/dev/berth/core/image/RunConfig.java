package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.model.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How an image says its containers run: the {@code config} object of an image config.
 *
 * @param user         {@code user[:group]}, empty for root
 * @param env          {@code NAME=value} entries
 * @param cmd          the default command (or arguments to the entrypoint)
 * @param entrypoint   the entrypoint
 * @param workingDir   the working directory, empty for {@code /}
 * @param labels       labels
 * @param stopSignal   the signal that stops a container, empty for SIGTERM
 * @param exposedPorts ports such as {@code 80/tcp}
 * @param volumes      volume paths
 */
public record RunConfig(String user, List<String> env, Optional<List<String>> cmd, Optional<List<String>> entrypoint,
                        String workingDir, Map<String, String> labels, String stopSignal, Set<String> exposedPorts,
                        Set<String> volumes) {

    public static final RunConfig EMPTY = new RunConfig("", List.of(), Optional.empty(), Optional.empty(), "",
            Map.of(), "", Set.of(), Set.of());

    public RunConfig {
        Objects.requireNonNull(user, "user");
        env = List.copyOf(env);
        cmd = cmd.map(List::copyOf);
        entrypoint = entrypoint.map(List::copyOf);
        Objects.requireNonNull(workingDir, "workingDir");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(stopSignal, "stopSignal");
        exposedPorts = Collections.unmodifiableSet(new LinkedHashSet<>(exposedPorts));
        volumes = Collections.unmodifiableSet(new LinkedHashSet<>(volumes));
    }

    /** Reads the {@code config} object of an image config (absent fields take their defaults). */
    public static RunConfig parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = node.get("Labels");
        if (labelNode != null && labelNode.isObject()) {
            labelNode.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return new RunConfig(text(node, "User"), strings(node.get("Env")).orElse(List.of()),
                strings(node.get("Cmd")), strings(node.get("Entrypoint")), text(node, "WorkingDir"), labels,
                text(node, "StopSignal"), keys(node.get("ExposedPorts")), keys(node.get("Volumes")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Optional<List<String>> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return Optional.of(values);
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new LinkedHashSet<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** The value of {@code name} in the environment, if set. */
    public Optional<String> envValue(String name) {
        String prefix = name + "=";
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** The object as Docker shows it in {@code inspect}: every field, in Docker's order. */
    public ObjectNode toDockerJson(String image) {
        ObjectNode node = Json.object();
        node.put("Hostname", "");
        node.put("Domainname", "");
        node.put("User", user);
        node.put("AttachStdin", false);
        node.put("AttachStdout", false);
        node.put("AttachStderr", false);
        putKeys(node, "ExposedPorts", exposedPorts, false);
        node.put("Tty", false);
        node.put("OpenStdin", false);
        node.put("StdinOnce", false);
        putStrings(node, "Env", Optional.of(env).filter(e -> !e.isEmpty()));
        putStrings(node, "Cmd", cmd);
        node.put("Image", image);
        putKeys(node, "Volumes", volumes, true);
        node.put("WorkingDir", workingDir);
        putStrings(node, "Entrypoint", entrypoint);
        node.putNull("OnBuild");
        putLabels(node);
        if (!stopSignal.isEmpty()) {
            node.put("StopSignal", stopSignal);
        }
        return node;
    }

    /** The object as an image config stores it: only the fields that are set. */
    public ObjectNode toConfigJson() {
        ObjectNode node = Json.object();
        if (!user.isEmpty()) {
            node.put("User", user);
        }
        putKeys(node, "ExposedPorts", exposedPorts, false);
        if (!env.isEmpty()) {
            putStrings(node, "Env", Optional.of(env));
        }
        entrypoint.ifPresent(values -> putStrings(node, "Entrypoint", Optional.of(values)));
        cmd.ifPresent(values -> putStrings(node, "Cmd", Optional.of(values)));
        putKeys(node, "Volumes", volumes, false);
        if (!workingDir.isEmpty()) {
            node.put("WorkingDir", workingDir);
        }
        if (!labels.isEmpty()) {
            putLabels(node);
        }
        if (!stopSignal.isEmpty()) {
            node.put("StopSignal", stopSignal);
        }
        return node;
    }

    private void putLabels(ObjectNode node) {
        if (labels.isEmpty()) {
            node.putNull("Labels");
            return;
        }
        ObjectNode labelNode = node.putObject("Labels");
        labels.forEach(labelNode::put);
    }

    private static void putStrings(ObjectNode node, String field, Optional<List<String>> values) {
        if (values.isEmpty()) {
            node.putNull(field);
            return;
        }
        ArrayNode array = node.putArray(field);
        values.get().forEach(array::add);
    }

    private static void putKeys(ObjectNode node, String field, Set<String> keys, boolean nullWhenEmpty) {
        if (keys.isEmpty()) {
            if (nullWhenEmpty) {
                node.putNull(field);
            }
            return;
        }
        ObjectNode object = node.putObject(field);
        keys.forEach(k -> object.putObject(k));
    }

    public RunConfig withUser(String newUser) {
        return new RunConfig(newUser, env, cmd, entrypoint, workingDir, labels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withEnv(List<String> newEnv) {
        return new RunConfig(user, newEnv, cmd, entrypoint, workingDir, labels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withCmd(Optional<List<String>> newCmd) {
        return new RunConfig(user, env, newCmd, entrypoint, workingDir, labels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withEntrypoint(Optional<List<String>> newEntrypoint) {
        return new RunConfig(user, env, cmd, newEntrypoint, workingDir, labels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withWorkingDir(String dir) {
        return new RunConfig(user, env, cmd, entrypoint, dir, labels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withLabels(Map<String, String> newLabels) {
        return new RunConfig(user, env, cmd, entrypoint, workingDir, newLabels, stopSignal, exposedPorts, volumes);
    }

    public RunConfig withStopSignal(String signal) {
        return new RunConfig(user, env, cmd, entrypoint, workingDir, labels, signal, exposedPorts, volumes);
    }

    public RunConfig withExposedPorts(Set<String> ports) {
        return new RunConfig(user, env, cmd, entrypoint, workingDir, labels, stopSignal, ports, volumes);
    }

    public RunConfig withVolumes(Set<String> newVolumes) {
        return new RunConfig(user, env, cmd, entrypoint, workingDir, labels, stopSignal, exposedPorts, newVolumes);
    }
}
