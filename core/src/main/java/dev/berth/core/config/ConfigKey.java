package dev.berth.core.config;

import dev.berth.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of {@code config.json}, named like Docker's {@code daemon.json}. Each can also come from an
 * environment variable ({@code BERTH_} and the key in upper case, {@code -} as {@code _}) and from a flag.
 */
public enum ConfigKey {
    DATA_ROOT("data-root", ValueType.PATH),
    EXEC_ROOT("exec-root", ValueType.PATH),
    STORAGE_DRIVER("storage-driver", ValueType.STRING),
    STORAGE_OPTS("storage-opts", ValueType.STRING_LIST),
    PLUGINS_DIR("plugins-dir", ValueType.PATH),
    INSECURE_REGISTRIES("insecure-registries", ValueType.STRING_LIST),
    DEBUG("debug", ValueType.BOOLEAN);

    /** The JSON types a setting can have. */
    public enum ValueType {
        STRING("a string"), PATH("an absolute path (a string)"), STRING_LIST("an array of strings"),
        BOOLEAN("true or false");

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String key;
    private final ValueType type;

    ConfigKey(String key, ValueType type) {
        this.key = key;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    public String environmentVariable() {
        return "BERTH_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static String knownKeys() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    /**
     * Parses a value given as text (an environment variable or a flag); lists are comma-separated.
     *
     * @param origin where the text came from, for the error message
     */
    public Object parse(String text, String origin) throws InvalidInputException {
        switch (type) {
            case STRING:
                return text;
            case PATH:
                return absolutePath(text, origin);
            case STRING_LIST:
                return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableList());
            case BOOLEAN:
                if (text.equals("true") || text.equals("1")) {
                    return Boolean.TRUE;
                }
                if (text.equals("false") || text.equals("0") || text.isEmpty()) {
                    return Boolean.FALSE;
                }
                throw new InvalidInputException(origin + ": \"" + text + "\" is not a boolean; use true or false");
            default:
                throw new AssertionError(type);
        }
    }

    Path absolutePath(String text, String origin) throws InvalidInputException {
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new InvalidInputException(origin + ": " + key + " must be an absolute path, not \"" + text + "\"");
        }
        return path.normalize();
    }

    @SuppressWarnings("unchecked")
    static List<String> asList(Object value) {
        return (List<String>) value;
    }
}
