package dev.berth.storage.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process applying a large layer is killed with SIGKILL half-way: no half layer is visible, the next
 * store open removes the leftovers, and registering again succeeds.
 */
class CrashDuringLoadIT {

    private static final int FILES = 150;
    private static final int FILE_SIZE = 1 << 20;

    @TempDir
    Path temp;

    @Test
    void killedLoadLeavesNothingVisibleAndIsCleanedUp() throws Exception {
        Path tar = temp.resolve("big-layer.tar");
        Digest diffId = writeRandomLayer(tar);
        Path dataRoot = temp.resolve("data");
        Path execRoot = temp.resolve("exec");

        Process loader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadLayerMain.class.getName(),
                dataRoot.toString(), execRoot.toString(), tar.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("loader.log").toFile()).start();
        Path driverHome = dataRoot.resolve("storage/overlay");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (extractedFiles(driverHome) < FILES / 5) {
            assertTrue(loader.isAlive(), "the loader ended before it was killed: "
                    + Files.readString(temp.resolve("loader.log")));
            assertTrue(System.nanoTime() < deadline, "the loader made no progress");
            Thread.sleep(5);
        }
        loader.destroyForcibly(); // SIGKILL
        assertTrue(loader.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, loader.exitValue());

        Path records = dataRoot.resolve("layers/overlay");
        assertEquals(0, count(records.resolve("sha256")), "no layer record is visible");
        assertEquals(1, count(records.resolve("incomplete")), "the incomplete record names the leftover");
        assertTrue(extractedFiles(driverHome) > 0, "the half layer is on disk until the next open");

        LayerStore store = LoadLayerMain.open(dataRoot, execRoot);
        assertEquals(0, count(records.resolve("incomplete")));
        assertEquals(0, extractedFiles(driverHome), "the next open removed the half layer");
        assertTrue(store.layers().isEmpty());

        ImageLayer layer;
        try (InputStream in = Files.newInputStream(tar)) {
            layer = store.register(in, Optional.empty(), Optional.of(diffId), "image:loaded");
        }
        assertEquals(diffId, layer.diffId());
        assertEquals((long) FILES * FILE_SIZE, layer.size());
        assertEquals(List.of(layer), store.layers());
        assertFalse(Files.exists(records.resolve("incomplete").resolve(layer.cacheId() + ".json")));
    }

    /** ~150 MB of incompressible files in a layer tar; returns its digest. */
    private static Digest writeRandomLayer(Path tar) throws Exception {
        MessageDigest sha256 = Digest.sha256();
        SplittableRandom random = new SplittableRandom(42);
        byte[] content = new byte[FILE_SIZE];
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20),
                sha256); TarWriter writer = new TarWriter(out)) {
            writer.write(new TarEntry("data", TarEntry.DIRECTORY, 0755, 0, 0, 0, 0, "", 0, 0, Map.of()),
                    InputStream.nullInputStream());
            for (int i = 0; i < FILES; i++) {
                for (int j = 0; j < content.length; j += 8) {
                    long value = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        content[j + k] = (byte) (value >>> (8 * k));
                    }
                }
                writer.write(new TarEntry("data/file-" + i, TarEntry.FILE, 0644, 0, 0, content.length, 0, "", 0, 0,
                        Map.of()), new java.io.ByteArrayInputStream(content));
            }
        }
        return Digest.of(sha256);
    }

    private static long extractedFiles(Path driverHome) throws Exception {
        if (!Files.isDirectory(driverHome)) {
            return 0;
        }
        try (Stream<Path> layers = Files.list(driverHome)) {
            long total = 0;
            for (Path diff : (Iterable<Path>) layers.map(l -> l.resolve("diff/data"))::iterator) {
                if (Files.isDirectory(diff)) {
                    try (Stream<Path> files = Files.list(diff)) {
                        total += files.count();
                    }
                }
            }
            return total;
        }
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }
}
