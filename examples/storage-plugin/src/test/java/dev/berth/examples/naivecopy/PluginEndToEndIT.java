package dev.berth.examples.naivecopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.spi.StorageDriverFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin, end to end: its jar in a plugins directory, and the real {@code ./berth} launcher
 * listing and selecting it; broken jars reported by name while berth keeps working with its built-ins.
 */
class PluginEndToEndIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("berth.repository.root", "../.."));
    private static final Path PLUGIN_JAR = Path.of("target/berth-example-storage-plugin.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private Path plugins;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void installPlugin() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(PLUGIN_JAR, plugins.resolve(PLUGIN_JAR.getFileName()));
    }

    private Result berth(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("berth").toString(),
                "--plugins-dir", plugins.toString(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BERTH_STORAGE_DRIVER");
        builder.environment().put("BERTH_CONFIG", "");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out, err);
    }

    @Test
    void infoListsThePluginDriverWithItsJar() throws Exception {
        Result info = berth(Map.of(), "info");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("\n  Storage: overlay vfs naivecopy\n"), info.out());
        assertTrue(info.out().contains("\n   naivecopy: " + plugins.resolve(PLUGIN_JAR.getFileName()) + "\n"),
                info.out());
        assertEquals("", info.err());
    }

    @Test
    void theStorageDriverFlagSelectsThePlugin() throws Exception {
        Result info = berth(Map.of(), "--storage-driver", "naivecopy", "info");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("\n Storage Driver: naivecopy\n  Layers Directory: "
                + dir.resolve("data/storage/naivecopy/layers") + "\n"), info.out());
        assertTrue(Files.isDirectory(dir.resolve("data/storage/naivecopy/layers")));
    }

    @Test
    void theEnvironmentSelectsThePluginToo() throws Exception {
        Result info = berth(Map.of("BERTH_STORAGE_DRIVER", "naivecopy"), "info");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("\n Storage Driver: naivecopy\n"), info.out());
    }

    @Test
    void pluginOptionsReachTheDriverAndBadOnesAreRefused() throws Exception {
        Result good = berth(Map.of(), "--storage-driver", "naivecopy", "--storage-opt", "naivecopy.verify=true", "info");
        assertEquals(0, good.code(), good.err());
        assertTrue(good.out().contains("\n  Verify Copies: true\n"), good.out());
        Result bad = berth(Map.of(), "--storage-driver", "naivecopy", "--storage-opt", "naivecopy.speed=11", "info");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().startsWith("Error: cannot start the naivecopy storage driver: unknown naivecopy option"),
                bad.err());
    }

    @Test
    void brokenJarsAreNamedAndBerthKeepsWorking() throws Exception {
        Path notZip = Files.writeString(plugins.resolve("not-a-zip.jar"), "garbage");
        Path missingClass = jar(plugins.resolve("missing-class.jar"), "com.example.GoneFactory");
        Path impostor = jar(plugins.resolve("impostor.jar"), OverlayNamedFactory.class.getName(),
                OverlayNamedFactory.class, NaiveCopyDriverFactory.class, NaiveCopyDriver.class);

        Result info = berth(Map.of(), "--storage-driver", "vfs", "info");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("\n Storage Driver: vfs\n"), info.out());
        assertTrue(info.out().contains("\n  Storage: overlay vfs naivecopy\n"), info.out());
        List<String> warnings = info.err().lines().toList();
        assertEquals(3, warnings.size(), info.err());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(notZip.toString()) && w.contains("not a valid jar")),
                info.err());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(missingClass.toString())
                && w.contains("com.example.GoneFactory")), info.err());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(impostor.toString())
                && w.contains("\"overlay\" is already taken by a built-in storage driver")), info.err());

        Result plugin = berth(Map.of(), "--storage-driver", "naivecopy", "info");
        assertEquals(0, plugin.code(), plugin.err());
        assertTrue(plugin.out().contains("\n Storage Driver: naivecopy\n"), plugin.out());
    }

    @Test
    void selectingAPluginWhoseJarIsBrokenFailsClearly() throws Exception {
        Files.delete(plugins.resolve(PLUGIN_JAR.getFileName()));
        Files.writeString(plugins.resolve("naivecopy.jar"), "garbage");
        Result info = berth(Map.of(), "--storage-driver", "naivecopy", "info");
        assertEquals(1, info.code(), info.out());
        assertTrue(info.err().contains("naivecopy.jar skipped: not a valid jar file"), info.err());
        assertTrue(info.err().contains("Error: unknown storage driver \"naivecopy\"; valid choices are overlay, vfs"),
                info.err());
    }

    private static Path jar(Path jar, String provider, Class<?>... classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + StorageDriverFactory.class.getName()));
            out.write(provider.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
