package dev.berth.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerthConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsGiven() throws Exception {
        BerthConfig config = BerthConfig.resolve(Map.of(), Optional.empty(), Map.of(), dir.resolve("absent.json"));
        assertEquals(Path.of("/var/lib/berth"), config.dataRoot());
        assertEquals(Path.of("/run/berth"), config.execRoot());
        assertEquals(Optional.empty(), config.storageDriver());
        assertEquals(Path.of("/usr/lib/berth/plugins"), config.pluginsDir());
        assertEquals(Optional.empty(), config.file());
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"),
                "{\"data-root\": \"/file\", \"exec-root\": \"/file-exec\", \"storage-driver\": \"vfs\"}");
        Map<String, String> env = Map.of("BERTH_EXEC_ROOT", "/env-exec", "BERTH_STORAGE_DRIVER", "overlay");
        Map<ConfigKey, Object> flags = Map.of(ConfigKey.STORAGE_DRIVER, "naivecopy");
        BerthConfig config = BerthConfig.resolve(flags, Optional.of(file), env);
        assertEquals(Path.of("/file"), config.dataRoot(), "file beats default");
        assertEquals(Path.of("/env-exec"), config.execRoot(), "environment beats file");
        assertEquals(Optional.of("naivecopy"), config.storageDriver(), "flag beats environment");
        assertEquals(Path.of("/usr/lib/berth/plugins"), config.pluginsDir(), "default when unset");
        assertEquals(Optional.of(file), config.file());
    }

    @Test
    void configFileFromEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"plugins-dir\": \"/p\"}");
        BerthConfig config = BerthConfig.resolve(Map.of(), Optional.empty(), Map.of("BERTH_CONFIG", file.toString()));
        assertEquals(Path.of("/p"), config.pluginsDir());
    }

    @Test
    void explicitMissingFileIsAnError() {
        Path missing = dir.resolve("missing.json");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BerthConfig.resolve(Map.of(), Optional.of(missing), Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BerthConfig.resolve(Map.of(), Optional.empty(), Map.of("BERTH_DATA_ROOT", "relative"),
                        dir.resolve("absent.json")));
        assertTrue(e.getMessage().contains("BERTH_DATA_ROOT"), e.getMessage());
    }

    @Test
    void storageOptionsAreFilteredByDriver() throws Exception {
        BerthConfig config = BerthConfig.resolve(
                Map.of(ConfigKey.STORAGE_OPTS, List.of("overlay.a=1", "vfs.b=2", "c=3")), Optional.empty(), Map.of(),
                dir.resolve("absent.json"));
        assertEquals(Map.of("a", "1", "c", "3"), config.storageOptionsFor("overlay"));
        assertEquals(Map.of("b", "2", "c", "3"), config.storageOptionsFor("vfs"));
    }

    @Test
    void storageOptionWithoutValueIsRefused() throws Exception {
        BerthConfig config = BerthConfig.resolve(Map.of(ConfigKey.STORAGE_OPTS, List.of("overlay.a")),
                Optional.empty(), Map.of(), dir.resolve("absent.json"));
        assertThrows(InvalidInputException.class, () -> config.storageOptionsFor("overlay"));
    }
}
