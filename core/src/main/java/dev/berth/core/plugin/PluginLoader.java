package dev.berth.core.plugin;

import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.StorageDriverFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;

/**
 * Finds third-party factories in the jars of the plugins directory, each jar in its own class loader that
 * sees only the SPI and the JDK. A jar that cannot be loaded is reported and skipped; it never stops berth.
 */
public final class PluginLoader {

    private final ClassLoader spiOnly = new SpiOnlyClassLoader();

    /** Loads every {@code *.jar} of {@code directory}, in name order; a missing directory has no plugins. */
    public Plugins load(Path directory) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            entries.forEach(jars::add);
        } catch (NoSuchFileException e) {
            return Plugins.NONE;
        } catch (IOException e) {
            return new Plugins(List.of(), List.of(),
                    List.of(new PluginProblem(directory, "cannot read the plugins directory: " + e.getMessage())));
        }
        jars.sort(null);
        List<PluginFactory<StorageDriverFactory>> drivers = new ArrayList<>();
        List<PluginFactory<RuntimeFactory>> runtimes = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        for (Path jar : jars) {
            try {
                ClassLoader loader = open(jar);
                List<PluginFactory<StorageDriverFactory>> jarDrivers =
                        find(jar, loader, StorageDriverFactory.class, StorageDriverFactory::name);
                List<PluginFactory<RuntimeFactory>> jarRuntimes =
                        find(jar, loader, RuntimeFactory.class, RuntimeFactory::name);
                if (jarDrivers.isEmpty() && jarRuntimes.isEmpty()) {
                    throw new PluginLoadException("it provides no factory: add META-INF/services/"
                            + StorageDriverFactory.class.getName() + " (or " + RuntimeFactory.class.getName()
                            + ") naming the factory class");
                }
                drivers.addAll(jarDrivers);
                runtimes.addAll(jarRuntimes);
            } catch (PluginLoadException e) {
                problems.add(new PluginProblem(jar, e.getMessage()));
            }
        }
        return new Plugins(drivers, runtimes, problems);
    }

    private ClassLoader open(Path jar) throws PluginLoadException {
        // URLClassLoader reads a jar lazily and would report a broken one as "class not found": check first.
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, spiOnly);
        } catch (MalformedURLException e) {
            throw new PluginLoadException("bad path: " + e.getMessage());
        } catch (IOException e) {
            throw new PluginLoadException("not a valid jar file (" + e.getMessage() + ")");
        }
    }

    private static <T> List<PluginFactory<T>> find(Path jar, ClassLoader loader, Class<T> service,
                                                   Function<T, String> name) throws PluginLoadException {
        List<PluginFactory<T>> found = new ArrayList<>();
        try {
            for (T factory : ServiceLoader.load(service, loader)) {
                found.add(new PluginFactory<>(factory, name.apply(factory), jar));
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginLoadException("cannot load its " + service.getSimpleName() + ": " + rootMessage(e));
        } catch (RuntimeException e) {
            throw new PluginLoadException("its " + service.getSimpleName() + " failed: " + rootMessage(e));
        }
        return found;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            message.append(": ").append(root instanceof ClassNotFoundException || root instanceof NoClassDefFoundError
                    ? "class " + root.getMessage() + " not found" : root.toString());
        }
        return message.toString();
    }

    /** Why one jar could not be loaded. */
    private static final class PluginLoadException extends Exception {
        private static final long serialVersionUID = 1L;

        PluginLoadException(String message) {
            super(message);
        }
    }
}
