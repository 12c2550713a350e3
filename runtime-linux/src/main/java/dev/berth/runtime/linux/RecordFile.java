package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A small key=value file of the runtime's state, written atomically (temporary file, rename): readers never see
 * half of one. Not synced to disk: this state lives in the exec-root and describes processes of this boot
 * only, which a crash ends anyway.
 */
final class RecordFile {

    private RecordFile() {
    }

    static void write(Path file, Map<String, String> values) throws RuntimeFailureException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((key, value) -> {
            escape(key, text);
            text.append('=');
            escape(value, text);
            text.append('\n');
        });
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code text} as {@link Properties#load(java.io.Reader)} reads it back. Not {@link Properties#store}:
     * its date comment loads the time-zone database on every container start.
     */
    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ', '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
    }

    static Optional<Map<String, String>> read(Path file) throws RuntimeFailureException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return Optional.of(values);
    }
}
