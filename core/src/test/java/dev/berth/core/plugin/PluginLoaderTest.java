package dev.berth.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.plugin.fixtures.FixtureDriverFactory;
import dev.berth.core.plugin.fixtures.InternalsFactory;
import dev.berth.spi.StorageDriverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    private static final String SERVICE = StorageDriverFactory.class.getName();

    @TempDir
    Path plugins;

    @Test
    void missingDirectoryHasNoPlugins() {
        assertEquals(Plugins.NONE, new PluginLoader().load(plugins.resolve("absent")));
    }

    @Test
    void loadsAFactoryFromItsOwnClassLoader() throws Exception {
        Path jar = PluginJars.write(plugins.resolve("good.jar"), SERVICE, FixtureDriverFactory.class.getName(),
                FixtureDriverFactory.class);
        Plugins found = new PluginLoader().load(plugins);
        assertEquals(1, found.storageDrivers().size(), found.problems().toString());
        PluginFactory<StorageDriverFactory> plugin = found.storageDrivers().get(0);
        assertEquals("fixture", plugin.name());
        assertEquals(jar, plugin.jar());
        // The class came from the jar, not from berth's class path.
        assertNotSame(FixtureDriverFactory.class, plugin.factory().getClass());
        // ...but the SPI interface it implements is berth's own.
        assertTrue(plugin.factory() instanceof StorageDriverFactory);
    }

    @Test
    void aFileThatIsNotAZipIsSkippedNamingTheJar() throws Exception {
        Path jar = Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file");
        Plugins found = new PluginLoader().load(plugins);
        assertTrue(found.storageDrivers().isEmpty());
        assertEquals(1, found.problems().size());
        PluginProblem problem = found.problems().get(0);
        assertEquals(jar, problem.jar());
        assertTrue(problem.describe().contains("broken.jar") && problem.reason().contains("not a valid jar"),
                problem.describe());
    }

    @Test
    void aMissingClassIsSkippedNamingTheJarAndTheClass() throws Exception {
        PluginJars.write(plugins.resolve("missing.jar"), SERVICE, "com.example.Nowhere");
        Plugins found = new PluginLoader().load(plugins);
        assertEquals(1, found.problems().size());
        assertTrue(found.problems().get(0).reason().contains("com.example.Nowhere"), found.problems().toString());
    }

    @Test
    void aJarWithoutServicesIsSkipped() throws Exception {
        PluginJars.write(plugins.resolve("empty.jar"), null, null, FixtureDriverFactory.class);
        Plugins found = new PluginLoader().load(plugins);
        assertEquals(1, found.problems().size());
        assertTrue(found.problems().get(0).reason().contains("META-INF/services"), found.problems().toString());
    }

    @Test
    void aPluginCannotSeeBerthInternals() throws Exception {
        PluginJars.write(plugins.resolve("internals.jar"), SERVICE, InternalsFactory.class.getName(),
                InternalsFactory.class, FixtureDriverFactory.class);
        Plugins found = new PluginLoader().load(plugins);
        assertTrue(found.storageDrivers().isEmpty());
        assertEquals(1, found.problems().size());
        assertTrue(found.problems().get(0).reason().contains("dev/berth/core/config/BerthConfig"),
                found.problems().toString());
    }

    @Test
    void aBrokenJarDoesNotStopTheOthers() throws Exception {
        Files.writeString(plugins.resolve("a-broken.jar"), "junk");
        PluginJars.write(plugins.resolve("b-good.jar"), SERVICE, FixtureDriverFactory.class.getName(),
                FixtureDriverFactory.class);
        Plugins found = new PluginLoader().load(plugins);
        assertEquals(1, found.storageDrivers().size());
        assertEquals(1, found.problems().size());
    }
}
