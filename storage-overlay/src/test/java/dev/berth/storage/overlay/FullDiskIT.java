package dev.berth.storage.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.EngineFailureException;
import dev.berth.core.archive.TarBuilder;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import java.io.ByteArrayInputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer that does not fit on the data root's file system (an 8 MB tmpfs): a clear error naming the cause,
 * no layer left behind and the space given back, and the store still usable. Needs root, for the mount.
 */
class FullDiskIT {

    @TempDir
    Path temp;
    Path disk;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        disk = Files.createDirectories(temp.resolve("disk"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString())
                .inheritIO().start().waitFor());
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aLayerThatDoesNotFitFailsCleanlyAndLeavesTheStoreUsable() throws Exception {
        Path dataRoot = disk.resolve("data");
        LayerStore store = LoadLayerMain.open(dataRoot, temp.resolve("exec"));
        FileStore fileSystem = Files.getFileStore(disk);
        long freeBefore = fileSystem.getUsableSpace();
        TarBuilder tooLarge = new TarBuilder().dir("data");
        for (int i = 0; i < 6; i++) {
            tooLarge.file("data/part" + i, "x".repeat(3 << 20)); // 18 MB in all
        }

        EngineFailureException e = assertThrows(EngineFailureException.class, () -> store.register(
                new ByteArrayInputStream(tooLarge.bytes()), Optional.empty(), Optional.empty(), "image:big"));

        assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
        assertEquals(List.of(), store.layers());
        Path records = dataRoot.resolve("layers/overlay");
        assertEquals(0, count(records.resolve("sha256")), "no layer record");
        assertEquals(0, count(records.resolve("incomplete")), "nothing left to clean up later");
        assertTrue(fileSystem.getUsableSpace() >= freeBefore - (256 << 10),
                "the space is given back: " + fileSystem.getUsableSpace() + " of " + freeBefore + " free");

        ImageLayer small = store.register(new ByteArrayInputStream(new TarBuilder().file("fits", "yes").bytes()),
                Optional.empty(), Optional.empty(), "image:small");
        assertEquals(List.of(small), store.layers());
    }

    private static long count(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }
}
