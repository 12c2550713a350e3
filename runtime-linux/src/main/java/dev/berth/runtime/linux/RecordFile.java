package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter text = new StringWriter();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            properties.store(text, null);
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write " + file + ": " + e.getMessage(), e);
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
