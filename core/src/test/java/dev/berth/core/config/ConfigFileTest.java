package dev.berth.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void readsEveryKnownKey() throws Exception {
        Path file = write("{\n  \"data-root\": \"/srv/berth\",\n  \"exec-root\": \"/run/b\",\n"
                + "  \"storage-driver\": \"vfs\",\n  \"storage-opts\": [\"overlay.x=1\"],\n"
                + "  \"plugins-dir\": \"/opt/p\",\n  \"insecure-registries\": [\"reg:5000\"],\n  \"debug\": true\n}\n");
        Map<ConfigKey, Object> settings = ConfigFile.read(file);
        assertEquals(Path.of("/srv/berth"), settings.get(ConfigKey.DATA_ROOT));
        assertEquals(Path.of("/run/b"), settings.get(ConfigKey.EXEC_ROOT));
        assertEquals("vfs", settings.get(ConfigKey.STORAGE_DRIVER));
        assertEquals(List.of("overlay.x=1"), settings.get(ConfigKey.STORAGE_OPTS));
        assertEquals(Path.of("/opt/p"), settings.get(ConfigKey.PLUGINS_DIR));
        assertEquals(List.of("reg:5000"), settings.get(ConfigKey.INSECURE_REGISTRIES));
        assertEquals(Boolean.TRUE, settings.get(ConfigKey.DEBUG));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws Exception {
        Path file = write("{\n  \"data-root\": \"/x\",\n  oops\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void unknownKeyNamesLineAndKey() throws Exception {
        Path file = write("{\n  \"data-root\": \"/x\",\n  \"data_root\": \"/y\"\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key \"data_root\""), e.getMessage());
        assertTrue(e.getMessage().contains("data-root, exec-root"), e.getMessage());
    }

    @Test
    void wrongTypeNamesLineKeyAndTypes() throws Exception {
        Path file = write("{\n  \"storage-driver\": \"vfs\",\n\n  \"storage-opts\": \"overlay.x=1\"\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("\"storage-opts\" must be an array of strings, not a string"),
                e.getMessage());
    }

    @Test
    void relativePathIsRefused() throws Exception {
        Path file = write("{\"data-root\": \"var/lib\"}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void numberInsteadOfBoolean() throws Exception {
        Path file = write("{\"debug\": 1}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains("\"debug\" must be true or false, not a number"), e.getMessage());
    }

    @Test
    void topLevelMustBeAnObject() throws Exception {
        Path file = write("[1, 2]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().contains("one JSON object"), e.getMessage());
    }
}
