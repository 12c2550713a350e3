package dev.berth.core.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), as registries send them:
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"} or
 * {@code Basic realm="Registry Realm"}.
 *
 * @param scheme     the scheme, lower-cased ({@code bearer}, {@code basic})
 * @param parameters the auth parameters, names lower-cased
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    public AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /**
     * The challenges of the header values of a response; a header value may hold several challenges,
     * separated by commas like the parameters, so a new challenge starts at a token not followed by {@code =}.
     */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            parseValue(value, challenges);
        }
        return challenges;
    }

    /** The challenge a client should answer: Bearer before Basic, others ignored. */
    public static Optional<AuthChallenge> preferred(List<String> headerValues) {
        List<AuthChallenge> all = parse(headerValues);
        return all.stream().filter(AuthChallenge::isBearer).findFirst()
                .or(() -> all.stream().filter(AuthChallenge::isBasic).findFirst());
    }

    private static void parseValue(String value, List<AuthChallenge> out) {
        Cursor cursor = new Cursor(value);
        String scheme = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            cursor.skipSpacesAndCommas();
            if (cursor.atEnd()) {
                break;
            }
            String token = cursor.token();
            if (token.isEmpty()) {
                cursor.position++; // A stray character: skip it rather than loop.
                continue;
            }
            cursor.skipSpaces();
            if (cursor.peek() == '=' && scheme != null) {
                cursor.position++;
                cursor.skipSpaces();
                parameters.put(token.toLowerCase(Locale.ROOT), cursor.peek() == '"' ? cursor.quoted() : cursor.token());
            } else {
                if (scheme != null) {
                    out.add(new AuthChallenge(scheme, parameters));
                    parameters = new LinkedHashMap<>();
                }
                scheme = token.toLowerCase(Locale.ROOT);
            }
        }
        if (scheme != null) {
            out.add(new AuthChallenge(scheme, parameters));
        }
    }

    /** A reading position in a header value. */
    private static final class Cursor {
        private final String text;
        int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(position);
        }

        void skipSpaces() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                position++;
            }
        }

        void skipSpacesAndCommas() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
                position++;
            }
        }

        String token() {
            int start = position;
            while (!atEnd() && peek() != '=' && peek() != ',' && peek() != ' ' && peek() != '\t' && peek() != '"') {
                position++;
            }
            return text.substring(start, position);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            position++; // the opening quote
            while (!atEnd() && peek() != '"') {
                if (peek() == '\\' && position + 1 < text.length()) {
                    position++;
                }
                value.append(peek());
                position++;
            }
            position++; // the closing quote
            return value.toString();
        }
    }
}
