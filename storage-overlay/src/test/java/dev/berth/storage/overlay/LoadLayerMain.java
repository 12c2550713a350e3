package dev.berth.storage.overlay;

import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.HostDriverContext;
import dev.berth.core.host.Mounter;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.spi.DriverContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Registers one layer tar the way {@code berth load} does, in a process of its own: what the crash test
 * kills in the middle. Arguments: data root, exec root, layer tar.
 */
public final class LoadLayerMain {

    private LoadLayerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataRoot = Path.of(args[0]);
        Path execRoot = Path.of(args[1]);
        LayerStore store = open(dataRoot, execRoot);
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            ImageLayer layer = store.register(in, Optional.empty(), Optional.empty(), "image:loaded");
            System.out.println(layer.chainId());
        }
    }

    static LayerStore open(Path dataRoot, Path execRoot) throws Exception {
        Path run = Files.createDirectories(execRoot.resolve("storage/overlay"));
        DriverContext context = new HostDriverContext(run, new Mounter(), new FileSystemProbe());
        OverlayDriverFactory factory = new OverlayDriverFactory();
        return LayerStore.open(factory.create(dataRoot.resolve("storage/overlay"), Map.of(), context),
                factory.name(), dataRoot, execRoot, new Mounter(), line -> System.err.println("WARNING: " + line));
    }
}
