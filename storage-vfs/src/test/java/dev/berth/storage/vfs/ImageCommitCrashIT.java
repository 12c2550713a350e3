package dev.berth.storage.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.EngineFailureException;
import dev.berth.core.archive.TarBuilder;
import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.HostDriverContext;
import dev.berth.core.host.Mounter;
import dev.berth.core.host.ProcessId;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageStore;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.spi.StorageDriver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's commit that dies after its layers were handed from the addition to the image but before the image
 * was recorded: the next open of the image store must release those layers, and no image may appear.
 */
class ImageCommitCrashIT {

    @TempDir
    Path temp;

    private LayerStore openLayers(StorageDriver driver) throws Exception {
        return LayerStore.open(driver, "vfs", temp.resolve("data"), temp.resolve("exec"), new Mounter(), notice -> { });
    }

    @Test
    void aCommitThatDiesBeforeTheImageIsRecordedLeavesNoImageAndNoLayer() throws Exception {
        Path run = Files.createDirectories(temp.resolve("exec/storage/vfs"));
        StorageDriver driver = new VfsDriverFactory().create(temp.resolve("data/storage/vfs"), Map.of(),
                new HostDriverContext(run, new Mounter(), new FileSystemProbe()));
        LayerStore layers = openLayers(driver);
        Path imagesRoot = temp.resolve("data/images/vfs");
        ImageStore images = ImageStore.open(imagesRoot, layers);

        ImageStore.Addition addition = images.begin();
        ImageLayer layer = layers.register(new ByteArrayInputStream(new TarBuilder().file("hello", "hi").bytes()),
                Optional.empty(), Optional.empty(), addition.owner());
        ImageConfig config = ImageConfig.parse(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":"
                + "{\"type\":\"layers\",\"diff_ids\":[\"" + layer.diffId() + "\"]}}").getBytes(StandardCharsets.UTF_8),
                "a test config");
        // The image's record cannot be written: a non-empty directory stands where it goes.
        Path meta = imagesRoot.resolve("meta/sha256/" + config.id().hex() + ".json");
        Files.createDirectories(meta.resolve("in-the-way"));

        assertThrows(EngineFailureException.class, () -> addition.commit(config, Optional.empty()));
        assertEquals(List.of(Image.layerOwner(config.id())),
                List.copyOf(layers.get(layer.chainId()).orElseThrow().owners()), "the hold was handed to the image");

        // The writer dies here: its marker names a process that is gone (same PID, another start).
        Path marker;
        try (Stream<Path> markers = Files.list(imagesRoot.resolve("incomplete"))) {
            marker = markers.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String dead = new ProcessId(ProcessHandle.current().pid(), 1).toString();
        Files.writeString(marker, Files.readString(marker).replace(ProcessId.current().toString(), dead));
        Files.delete(meta.resolve("in-the-way"));
        Files.delete(meta);

        ImageStore reopened = ImageStore.open(imagesRoot, openLayers(driver));
        assertTrue(reopened.get(config.id()).isEmpty(), "no image appears");
        assertTrue(layers.get(layer.chainId()).isEmpty(), "the layer nobody holds is gone");
        assertFalse(driver.exists(layer.cacheId()));
        assertFalse(Files.exists(marker), "the marker is cleaned up");
        assertFalse(Files.exists(imagesRoot.resolve("content/sha256/" + config.id().hex())));
    }
}
