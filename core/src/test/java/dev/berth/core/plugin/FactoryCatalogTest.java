package dev.berth.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactoryCatalogTest {

    @Test
    void builtInsComeFirstInNameOrderThenPlugins() {
        FactoryCatalog<String> catalog = new FactoryCatalog<>("thing", Map.of("vfs", () -> "v", "overlay", () -> "o"),
                List.of(new PluginFactory<>("p", "plug", Path.of("/p/plug.jar"))));
        assertEquals(List.of("overlay", "vfs", "plug"), catalog.names());
        assertEquals(Optional.of(Path.of("/p/plug.jar")), catalog.find("plug").get().jar());
        assertTrue(catalog.find("vfs").get().isBuiltIn());
    }

    @Test
    void aPluginCannotTakeABuiltInName() {
        FactoryCatalog<String> catalog = new FactoryCatalog<>("storage driver", Map.of("vfs", () -> "builtin"),
                List.of(new PluginFactory<>("impostor", "vfs", Path.of("/p/evil.jar"))));
        assertSame("builtin", catalog.find("vfs").get().factory());
        assertEquals(1, catalog.problems().size());
        PluginProblem problem = catalog.problems().get(0);
        assertEquals(Path.of("/p/evil.jar"), problem.jar());
        assertTrue(problem.reason().contains("\"vfs\" is already taken by a built-in storage driver"), problem.reason());
    }

    @Test
    void twoPluginsWithOneNameKeepTheFirst() {
        FactoryCatalog<String> catalog = new FactoryCatalog<>("runtime", Map.of(),
                List.of(new PluginFactory<>("a", "x", Path.of("/p/a.jar")),
                        new PluginFactory<>("b", "x", Path.of("/p/b.jar"))));
        assertEquals("a", catalog.find("x").get().factory());
        assertTrue(catalog.problems().get(0).reason().contains("/p/a.jar"));
    }

    @Test
    void invalidNamesAreRefused() {
        FactoryCatalog<String> catalog = new FactoryCatalog<>("runtime", Map.of(),
                List.of(new PluginFactory<>("a", "Bad Name", Path.of("/p/a.jar"))));
        assertTrue(catalog.names().isEmpty());
        assertEquals(1, catalog.problems().size());
    }
}
