package dev.berth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a registry says went wrong, the way Docker words it: the distribution spec's error body
 * {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}} becomes
 * {@code manifest unknown: manifest unknown}; a body that is no such document, the HTTP status.
 */
final class RegistryErrors {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(413, "Payload Too Large"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private RegistryErrors() {
    }

    /** {@code 404 Not Found}. */
    static String status(int status) {
        return status + " " + REASONS.getOrDefault(status, "");
    }

    /** The registry's own explanation of a failed response, or its status when it gave none. */
    static String describe(int status, byte[] body) {
        List<String> errors = new ArrayList<>();
        if (body != null && body.length > 0) {
            try {
                JsonNode node = Json.read(body);
                for (JsonNode error : node.path("errors")) {
                    String code = error.path("code").asText("").toLowerCase(Locale.ROOT).replace('_', ' ');
                    String message = error.path("message").asText("");
                    errors.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
                }
                if (errors.isEmpty() && node.hasNonNull("details")) {
                    errors.add(node.get("details").asText()); // token services answer {"details": "..."}
                }
            } catch (IOException e) {
                String text = new String(body, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty() && !text.startsWith("<")) {
                    errors.add(text.length() > 200 ? text.substring(0, 200) + "..." : text);
                }
            }
        }
        return errors.isEmpty() ? "received unexpected HTTP status: " + status(status).strip() : String.join("; ", errors);
    }
}
