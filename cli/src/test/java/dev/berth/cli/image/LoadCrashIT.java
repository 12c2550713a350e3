package dev.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code berth load} process killed with SIGKILL while it applies a large layer: afterwards no half
 * image or layer is visible, the next command removes the leftovers, and loading again succeeds.
 */
class LoadCrashIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("berth.repository.root", "."));

    @TempDir
    Path dir;

    @Test
    void aLoadKilledHalfWayLeavesNothingAndTheNextLoadSucceeds() throws Exception {
        Path archive = largeImageArchive(dir.resolve("large.tar"), 160);
        Path data = dir.resolve("data");
        Path exec = dir.resolve("exec");
        Process load = new ProcessBuilder(REPOSITORY.resolve("berth").toString(), "--data-root", data.toString(),
                "--exec-root", exec.toString(), "load", "-i", archive.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("load.log").toFile()).start();
        Path incomplete = data.resolve("layers/overlay/incomplete");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!hasEntries(incomplete) && load.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(load.isAlive(), "berth finished before it could be killed: " + Files.readString(dir.resolve("load.log")));
        Thread.sleep(300); // well inside the extraction of 160 MB
        load.destroyForcibly(); // SIGKILL
        assertTrue(load.waitFor(10, TimeUnit.SECONDS));

        BerthHome berth = new BerthHome(dir).with("BERTH_DATA_ROOT", data.toString())
                .with("BERTH_EXEC_ROOT", exec.toString());
        assertTrue(list(data.resolve("images/overlay/meta/sha256")).isEmpty(), "no image became visible");
        assertTrue(list(data.resolve("layers/overlay/sha256")).isEmpty(), "no layer became visible");

        CliRun again = berth.run("load", "-i", archive.toString());
        assertEquals(0, again.code(), again.toString());
        assertEquals("Loaded image: large:1\n", again.out());
        assertTrue(list(data.resolve("layers/overlay/incomplete")).isEmpty(), "leftovers removed");
        assertTrue(list(data.resolve("images/overlay/incomplete")).isEmpty(), "leftovers removed");
        assertEquals(1, list(data.resolve("images/overlay/meta/sha256")).size());
        // The driver keeps exactly the one layer's directory, plus its link directory.
        List<String> driverDirs = list(data.resolve("storage/overlay"));
        assertEquals(2, driverDirs.size(), driverDirs.toString());
    }

    private static boolean hasEntries(Path dir) throws IOException {
        return Files.isDirectory(dir) && !list(dir).isEmpty();
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")).sorted().toList();
        }
    }

    /** A docker-save archive with one image whose one layer holds {@code megabytes} of incompressible files. */
    static Path largeImageArchive(Path target, int megabytes) throws Exception {
        Path layer = target.resolveSibling("layer.tar");
        MessageDigest sha256 = Digest.sha256();
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream file = Files.newOutputStream(layer);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(file, sha256))) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                TarArchiveEntry entry = new TarArchiveEntry("data/file-" + i);
                entry.setSize(chunk.length);
                tar.putArchiveEntry(entry);
                tar.write(chunk);
                tar.closeArchiveEntry();
            }
        }
        Digest diffId = Digest.of(sha256);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
        Digest id = Digest.of(config);
        byte[] manifest = ("[{\"Config\":\"" + id.hex() + ".json\",\"RepoTags\":[\"large:1\"],\"Layers\":[\"layer/layer.tar\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(target); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            TarArchiveEntry layerEntry = new TarArchiveEntry("layer/layer.tar");
            layerEntry.setSize(Files.size(layer));
            tar.putArchiveEntry(layerEntry);
            Files.copy(layer, tar);
            tar.closeArchiveEntry();
            for (var entry : List.of(java.util.Map.entry(id.hex() + ".json", config),
                    java.util.Map.entry("manifest.json", manifest))) {
                TarArchiveEntry small = new TarArchiveEntry(entry.getKey());
                small.setSize(entry.getValue().length);
                tar.putArchiveEntry(small);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        Files.delete(layer);
        return target;
    }
}
