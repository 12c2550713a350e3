package dev.berth.core.registry;

import dev.berth.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password for a registry.
 *
 * @param username the user name
 * @param password the password (or a personal access token)
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Credentials as {@code config.json} stores them: base64 of {@code user:password}. */
    public static Credentials decode(String auth, String origin) throws InvalidInputException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(origin + ": the \"auth\" value is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException(origin + ": the \"auth\" value is not base64 of user:password");
        }
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Base64 of {@code user:password}: the {@code auth} value of {@code config.json} and of a Basic header. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value of HTTP Basic authentication. */
    public String basicAuthorization() {
        return "Basic " + encoded();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<hidden>]";
    }
}
