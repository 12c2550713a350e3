package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Dockerfile instructions that {@code import --change} and {@code commit --change} apply to an image's
 * run config, parsed as Docker parses them: exec form ({@code CMD ["a","b"]}) or shell form
 * ({@code CMD a b}, run through {@code /bin/sh -c}), {@code ENV}/{@code LABEL} with quoted
 * {@code key=value} pairs.
 */
public final class ImageChanges {

    private static final List<String> SUPPORTED = List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL",
            "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private ImageChanges() {
    }

    /** {@code base} with each change applied in order. */
    public static RunConfig apply(RunConfig base, List<String> changes) throws InvalidInputException {
        RunConfig config = base;
        boolean cmdSet = false;
        for (String change : changes) {
            String instruction = instruction(change.strip());
            config = applyOne(config, change.strip());
            if (instruction.equals("CMD")) {
                cmdSet = true;
            } else if (instruction.equals("ENTRYPOINT") && !cmdSet) {
                // As in a Dockerfile: a new ENTRYPOINT drops the CMD from before, unless one was set here.
                config = config.withCmd(Optional.empty());
            }
        }
        return config;
    }

    private static String instruction(String change) {
        int space = indexOfWhitespace(change);
        return (space < 0 ? change : change.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static RunConfig applyOne(RunConfig config, String change) throws InvalidInputException {
        int space = indexOfWhitespace(change);
        String instruction = instruction(change);
        String rest = space < 0 ? "" : change.substring(space).strip();
        if (!SUPPORTED.contains(instruction)) {
            throw new InvalidInputException(instruction + " is not a valid change command; --change supports "
                    + String.join(", ", SUPPORTED));
        }
        if (rest.isEmpty() && !instruction.equals("ONBUILD")) {
            throw new InvalidInputException(instruction + " requires at least one argument");
        }
        switch (instruction) {
            case "CMD":
                return config.withCmd(Optional.of(command(rest)));
            case "ENTRYPOINT":
                return config.withEntrypoint(Optional.of(command(rest)));
            case "ENV":
                return config.withEnv(env(config.env(), pairs(rest, "ENV", true)));
            case "LABEL":
                Map<String, String> labels = new LinkedHashMap<>(config.labels());
                labels.putAll(pairs(rest, "LABEL", false));
                return config.withLabels(labels);
            case "EXPOSE":
                Set<String> ports = new LinkedHashSet<>(config.exposedPorts());
                for (String port : words(rest)) {
                    ports.add(port(port));
                }
                return config.withExposedPorts(ports);
            case "VOLUME":
                Set<String> volumes = new LinkedHashSet<>(config.volumes());
                volumes.addAll(rest.startsWith("[") ? jsonArray(rest, "VOLUME") : words(rest));
                return config.withVolumes(volumes);
            case "WORKDIR":
                String dir = unquote(rest);
                if (!dir.startsWith("/")) {
                    String current = config.workingDir().isEmpty() ? "/" : config.workingDir();
                    dir = (current.endsWith("/") ? current : current + "/") + dir;
                }
                return config.withWorkingDir(dir);
            case "USER":
                return config.withUser(unquote(rest));
            case "STOPSIGNAL":
                return config.withStopSignal(unquote(rest));
            default:
                // ONBUILD triggers only matter to builds, which berth does not run.
                return config;
        }
    }

    /** Exec form as given; shell form through {@code /bin/sh -c}. */
    private static List<String> command(String rest) throws InvalidInputException {
        if (rest.startsWith("[")) {
            try {
                return jsonArray(rest, "the command");
            } catch (InvalidInputException e) {
                // Docker treats a malformed JSON array as shell form.
            }
        }
        return List.of("/bin/sh", "-c", rest);
    }

    private static List<String> jsonArray(String text, String what) throws InvalidInputException {
        try {
            JsonNode node = Json.read(text.getBytes(StandardCharsets.UTF_8));
            if (!node.isArray()) {
                throw new InvalidInputException(what + " must be a JSON array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : node) {
                if (!value.isTextual()) {
                    throw new InvalidInputException(what + " must be a JSON array of strings");
                }
                values.add(value.asText());
            }
            return values;
        } catch (IOException e) {
            throw new InvalidInputException(what + " is not a valid JSON array: " + text);
        }
    }

    private static List<String> env(List<String> current, Map<String, String> updates) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : current) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        env.putAll(updates);
        List<String> result = new ArrayList<>();
        env.forEach((k, v) -> result.add(k + "=" + v));
        return result;
    }

    /**
     * {@code key=value} pairs (values may be quoted); with {@code legacyForm}, {@code KEY value} (one pair,
     * the rest of the line the value) as Dockerfiles allow for ENV.
     */
    private static Map<String, String> pairs(String rest, String instruction, boolean legacyForm)
            throws InvalidInputException {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> words = words(rest);
        if (legacyForm && !words.get(0).contains("=")) {
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                throw new InvalidInputException(instruction + " names " + rest + " without a value");
            }
            pairs.put(rest.substring(0, space), unquote(rest.substring(space).strip()));
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(instruction + " needs key=value pairs; \"" + word + "\" is not one");
            }
            pairs.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return pairs;
    }

    private static String port(String text) throws InvalidInputException {
        String[] parts = text.split("/", 2);
        String protocol = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "tcp";
        if (!parts[0].matches("[0-9]{1,5}(-[0-9]{1,5})?") || !List.of("tcp", "udp", "sctp").contains(protocol)) {
            throw new InvalidInputException("invalid port \"" + text + "\" in EXPOSE: use PORT[/PROTOCOL]");
        }
        return parts[0] + "/" + protocol;
    }

    /** Splits on whitespace outside quotes, removing the quotes and backslash escapes. */
    static List<String> words(String text) throws InvalidInputException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidInputException("unmatched quote in \"" + text + "\"");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String text) throws InvalidInputException {
        List<String> words = words(text);
        return words.size() == 1 ? words.get(0) : text;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
