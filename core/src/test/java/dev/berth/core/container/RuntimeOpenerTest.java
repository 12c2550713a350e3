package dev.berth.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.EngineFailureException;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.Support;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeOpenerTest {

    @TempDir
    Path execRoot;

    /** A runtime factory is a plugin boundary; this one records where it was opened. */
    static final class RecordingFactory implements RuntimeFactory {
        final Support support;
        final AtomicReference<Path> openedAt = new AtomicReference<>();
        final ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(ContainerRuntime.class.getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException();
                });

        RecordingFactory(Support support) {
            this.support = support;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public Support isSupported() {
            return support;
        }

        @Override
        public ContainerRuntime create(Path stateRoot) {
            openedAt.set(stateRoot);
            return runtime;
        }
    }

    @Test
    void theFirstBuiltInRuntimeIsOpenedInItsOwnDirectory() throws Exception {
        RecordingFactory factory = new RecordingFactory(Support.yes());
        ContainerRuntime runtime = RuntimeOpener.open(new FactoryCatalog<>("runtime", Map.of("fake", () -> factory), List.of()),
                execRoot);
        assertSame(factory.runtime, runtime);
        assertEquals(execRoot.resolve("runtime/fake"), factory.openedAt.get());
        assertTrue(Files.isDirectory(execRoot.resolve("runtime/fake")));
    }

    @Test
    void anUnsupportedRuntimeSaysWhy() {
        RecordingFactory factory = new RecordingFactory(Support.no("no namespaces"));
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> RuntimeOpener.open(
                new FactoryCatalog<>("runtime", Map.of("fake", () -> factory), List.of()), execRoot));
        assertEquals("the fake runtime cannot run containers on this host: no namespaces", e.getMessage());
    }

    @Test
    void noRuntimeAtAllIsAClearError() {
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> RuntimeOpener.open(
                new FactoryCatalog<>("runtime", Map.of(), List.of()), execRoot));
        assertEquals("berth was built without a container runtime", e.getMessage());
    }
}
