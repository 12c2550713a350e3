package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform as images name it: {@code os/architecture[/variant]} with Go's names ({@code linux/amd64},
 * {@code linux/arm64/v8}).
 *
 * @param os           the operating system
 * @param architecture the architecture
 * @param variant      the variant, if any
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
    }

    /** The platform of this machine. */
    public static Platform host() {
        switch (System.getProperty("os.arch")) {
            case "amd64":
            case "x86_64":
                return new Platform("linux", "amd64", Optional.empty());
            case "aarch64":
                return new Platform("linux", "arm64", Optional.of("v8"));
            case "x86":
            case "i386":
                return new Platform("linux", "386", Optional.empty());
            default:
                return new Platform("linux", System.getProperty("os.arch"), Optional.empty());
        }
    }

    /** Parses {@code --platform os/arch[/variant]}. */
    public static Platform parse(String text) throws InvalidInputException {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidInputException("invalid platform \"" + text + "\": use os/arch[/variant], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** The platform a descriptor of an index declares, if it declares one. */
    static Optional<Platform> of(JsonNode descriptor) {
        JsonNode platform = descriptor.get("platform");
        if (platform == null || !platform.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Platform(platform.path("os").asText(""), platform.path("architecture").asText(""),
                Optional.ofNullable(platform.get("variant")).map(JsonNode::asText)));
    }

    /** Whether an image for {@code other} runs here: same os and architecture, and variant when both name one. */
    public boolean accepts(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant.isEmpty() || other.variant.isEmpty() || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
