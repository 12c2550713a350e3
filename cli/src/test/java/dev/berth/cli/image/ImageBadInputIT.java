package dev.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input fails with Docker's exit code and a message naming the problem, and leaves the stores
 * exactly as they were: no new image, tag or layer. The stores hold an image before each case, so that
 * "as they were" is not merely "empty".
 */
class ImageBadInputIT {

    @TempDir
    Path dir;

    BerthHome berth;
    TreeSet<String> before;

    @BeforeEach
    void storeWithOneImage() throws Exception {
        berth = new BerthHome(dir.resolve("home"));
        assertEquals(0, berth.run("import", Rootfs.busyboxTar(dir).toString(), "base:1").code());
        before = berth.storeFiles();
    }

    private void assertRefused(CliRun run, int code, String message) throws Exception {
        assertEquals(code, run.code(), run.toString());
        assertTrue(run.err().contains(message), "expected \"" + message + "\" in:\n" + run);
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("Error")).count(), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --debug:\n" + run.err());
        assertEquals(before, berth.storeFiles(), "the stores changed");
    }

    @Test
    void aTruncatedArchive() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.path("bb-docker-save.tar"));
        Path truncated = Files.write(dir.resolve("truncated.tar"), Arrays.copyOf(whole, whole.length / 2));
        assertRefused(berth.run("load", "-i", truncated.toString()), 1, "Error: ");
    }

    @Test
    void aLayerWhoseDigestDoesNotMatch() throws Exception {
        Path damaged = Archives.rewrite(Fixtures.path("bb-docker-save.tar"), dir.resolve("damaged.tar"),
                (name, content) -> {
                    if (name.endsWith("layer.tar") && content.length > 100_000) {
                        // The middle of the layer is the content of /bin/busybox: the tar stays well formed.
                        byte[] copy = content.clone();
                        copy[copy.length / 2] ^= 1;
                        return copy;
                    }
                    return content;
                });
        assertRefused(berth.run("load", "-i", damaged.toString()), 1, "does not match its diff ID");
    }

    @Test
    void anOciBlobWhoseDigestDoesNotMatch() throws Exception {
        Path damaged = Archives.rewrite(Fixtures.path("bb-oci.tar"), dir.resolve("damaged-oci.tar"),
                (name, content) -> {
                    if (name.startsWith("blobs/") && content.length > 100_000) {
                        byte[] copy = content.clone();
                        copy[copy.length / 2] ^= 1;
                        return copy;
                    }
                    return content;
                });
        assertRefused(berth.run("load", "-i", damaged.toString()), 1, "Error: ");
    }

    @Test
    void aMissingConfig() throws Exception {
        Path damaged = Archives.rewrite(Fixtures.path("bb-docker-save.tar"), dir.resolve("no-config.tar"),
                (name, content) -> name.matches("[a-f0-9]{64}\\.json") ? null : content);
        assertRefused(berth.run("load", "-i", damaged.toString()), 1, "the archive has no image config");
    }

    @Test
    void aManifestThatPointsToAMissingBlob() throws Exception {
        Path damaged = Archives.rewrite(Fixtures.path("bb-oci.tar"), dir.resolve("no-blob.tar"),
                (name, content) -> name.startsWith("blobs/") && content.length > 100_000 ? null : content);
        assertRefused(berth.run("load", "-i", damaged.toString()), 1, "the archive has no layer blob");
    }

    @Test
    void anEntryThatEscapes() throws Exception {
        Path evil = Archives.withExtraEntry(Fixtures.path("bb-docker-save.tar"), dir.resolve("evil.tar"),
                "../../escaped", "x".getBytes(StandardCharsets.UTF_8));
        assertRefused(berth.run("load", "-i", evil.toString()), 1, "points outside the archive");
        assertFalse(Files.exists(dir.resolve("escaped")));
        assertFalse(Files.exists(dir.getParent().resolve("escaped")));
    }

    @Test
    void aFileThatIsNotATar() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not an archive\n".repeat(100));
        assertRefused(berth.run("load", "-i", text.toString()), 1, "not a valid tar file");
        assertRefused(berth.run("import", text.toString(), "x:1"), 1, "not a tar archive");
    }

    @Test
    void aTarThatHoldsNoImage() throws Exception {
        assertRefused(berth.run("load", "-i", Rootfs.busyboxTar(dir.resolve("other")).toString()), 1,
                "the archive holds no image");
    }

    @Test
    void anUnknownImage() throws Exception {
        assertRefused(berth.run("save", "-o", dir.resolve("x.tar").toString(), "nothere:1"), 1,
                "Error: No such image: nothere:1");
        assertFalse(Files.exists(dir.resolve("x.tar")), "no half-written archive");
        assertRefused(berth.run("rmi", "nothere"), 1, "Error: No such image: nothere:latest");
        assertRefused(berth.run("tag", "nothere", "other:1"), 1, "Error: No such image: nothere:latest");
    }

    @Test
    void anInvalidReference() throws Exception {
        assertRefused(berth.run("tag", "base:1", "Bad:Name"), 1,
                "invalid reference format: repository name (library/Bad) must be lowercase");
        assertRefused(berth.run("import", Rootfs.busyboxTar(dir.resolve("r")).toString(), "a b"), 1,
                "invalid reference format");
        assertRefused(berth.run("tag", "base:1", "x@sha256:" + "a".repeat(64)), 1,
                "refusing to create a tag with a digest reference");
    }

    @Test
    void saveRefusesToWriteItsArchiveToATerminal() throws Exception {
        assertRefused(berth.runOnTerminal("save", "base:1"), 1,
                "cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }

    @Test
    void loadRefusesAnEmptyTerminalAsInput() throws Exception {
        assertRefused(berth.runOnTerminal("load"), 1, "requested load from stdin, but stdin is empty");
    }
}
