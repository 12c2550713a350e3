package dev.berth.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code config.json}. Parsed with Jackson's streaming parser rather than data binding so that every
 * error can name the line and the key it is about.
 */
public final class ConfigFile {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ConfigFile() {
    }

    /** The settings in {@code file}, which must exist. */
    public static Map<ConfigKey, Object> read(Path file) throws InvalidInputException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            return readObject(file, parser);
        } catch (JsonParseException e) {
            throw error(file, e.getLocation(), "malformed JSON: " + e.getOriginalMessage()
                    + "; fix the file or remove it");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<ConfigKey, Object> readObject(Path file, JsonParser parser)
            throws IOException, InvalidInputException {
        Map<ConfigKey, Object> settings = new EnumMap<>(ConfigKey.class);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw error(file, parser.currentTokenLocation(), "the file must hold one JSON object ({...})");
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonLocation where = parser.currentTokenLocation();
            Optional<ConfigKey> key = ConfigKey.byKey(name);
            if (key.isEmpty()) {
                throw error(file, where, "unknown key \"" + name + "\"; known keys are " + ConfigKey.knownKeys());
            }
            if (settings.containsKey(key.get())) {
                throw error(file, where, "key \"" + name + "\" appears twice");
            }
            parser.nextToken();
            settings.put(key.get(), readValue(file, parser, key.get()));
        }
        if (parser.nextToken() != null) {
            throw error(file, parser.currentTokenLocation(), "unexpected content after the JSON object");
        }
        return settings;
    }

    private static Object readValue(Path file, JsonParser parser, ConfigKey key)
            throws IOException, InvalidInputException {
        JsonLocation where = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        switch (key.type()) {
            case STRING:
                requireType(file, where, key, token == JsonToken.VALUE_STRING, token);
                return parser.getText();
            case PATH:
                requireType(file, where, key, token == JsonToken.VALUE_STRING, token);
                try {
                    return key.absolutePath(parser.getText(), "line " + where.getLineNr());
                } catch (InvalidInputException e) {
                    throw error(file, where, "\"" + key.key() + "\" must be an absolute path, not \""
                            + parser.getText() + "\"");
                }
            case BOOLEAN:
                requireType(file, where, key, token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE,
                        token);
                return parser.getBooleanValue();
            case STRING_LIST:
                requireType(file, where, key, token == JsonToken.START_ARRAY, token);
                List<String> values = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    requireType(file, parser.currentTokenLocation(), key, item == JsonToken.VALUE_STRING, item);
                    values.add(parser.getText());
                }
                return List.copyOf(values);
            default:
                throw new AssertionError(key.type());
        }
    }

    private static void requireType(Path file, JsonLocation where, ConfigKey key, boolean ok, JsonToken found)
            throws InvalidInputException {
        if (!ok) {
            throw error(file, where, "\"" + key.key() + "\" must be " + key.type().description() + ", not "
                    + describe(found));
        }
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString();
        }
    }

    private static InvalidInputException error(Path file, JsonLocation where, String message) {
        return new InvalidInputException("invalid config file " + file + ": line " + where.getLineNr() + ": "
                + message);
    }
}
