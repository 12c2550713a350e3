package dev.berth.storage.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.EngineFailureException;
import dev.berth.core.archive.TarBuilder;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.WritableLayer;
import dev.berth.spi.StorageDriverContractTest;
import dev.berth.spi.StorageDriverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The overlay driver against the storage driver contract, plus what only overlay promises. */
class OverlayDriverContractIT extends StorageDriverContractTest {

    @Override
    protected StorageDriverFactory factory() {
        return new OverlayDriverFactory();
    }

    @Test
    void mountsAStackOf125Layers() throws Exception {
        Optional<dev.berth.core.model.Digest> parent = Optional.empty();
        ImageLayer top = null;
        for (int i = 0; i < OverlayDriver.MAX_DEPTH; i++) {
            top = register(new TarBuilder().file("layer-" + i, Integer.toString(i)).bytes(), parent);
            parent = Optional.of(top.chainId());
        }
        String lowerdir = store.mounts(top).get(0).options().get(0);
        // 125 short links: far below the page that mount(2) accepts.
        assertEquals(true, lowerdir.length() < 4096 - 200, "lowerdir takes " + lowerdir.length() + " bytes");
        Path root = mount(top);
        assertEquals("0", Files.readString(root.resolve("layer-0")));
        assertEquals("124", Files.readString(root.resolve("layer-124")));
        unmount(top);

        WritableLayer container = store.createWritable("deep", parent);
        Path rw = mount(container);
        assertEquals("0", Files.readString(rw.resolve("layer-0")));
        Files.writeString(rw.resolve("written"), "w");
        unmount(container);

        ImageLayer last = top;
        EngineFailureException tooDeep = assertThrows(EngineFailureException.class, () -> register(
                new TarBuilder().file("one-too-many", "x").bytes(), Optional.of(last.chainId())));
        assertEquals(true, tooDeep.getMessage().contains("too many layers"), tooDeep.getMessage());
    }
}
