package dev.berth.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import dev.berth.spi.LayerFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe extraction: each way out of a layer is refused with an error naming the entry, and the host file
 * system outside the layer is checked afterwards. Needs root (owners, device nodes), hence an IT.
 */
class LayerApplierIT {

    @TempDir
    Path temp;
    Path layer;
    Path outside;

    @BeforeEach
    void directories() throws Exception {
        layer = Files.createDirectories(temp.resolve("host/layer"));
        outside = Files.createDirectories(temp.resolve("host/outside"));
        Files.writeString(outside.resolve("victim"), "untouched");
    }

    private AppliedLayer apply(byte[] tar) throws Exception {
        return new LayerApplier().apply(new ByteArrayInputStream(tar), new LayerFiles(layer,
                LayerFiles.Layout.FULL_TREE));
    }

    private void assertHostUntouched() throws Exception {
        assertEquals("untouched", Files.readString(outside.resolve("victim")));
        try (var all = Files.list(outside)) {
            assertEquals(1, all.count(), "nothing new next to the victim");
        }
        try (var all = Files.list(temp.resolve("host"))) {
            assertEquals(2, all.count(), "nothing new beside the layer");
        }
        assertFalse(Files.exists(Path.of("/evil")));
        assertFalse(Files.exists(temp.resolve("evil")));
    }

    @Test
    void refusesDotDotThatClimbsOut() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> apply(new TarBuilder().file("../outside/evil", "x").bytes()));
        assertTrue(e.getMessage().contains("\"../outside/evil\""), e.getMessage());
        assertHostUntouched();
    }

    @Test
    void takesAbsolutePathsRelativeToTheLayerLikeDocker() throws Exception {
        apply(new TarBuilder().dir("/etc").file("/etc/evil", "x").bytes());
        assertEquals("x", Files.readString(layer.resolve("etc/evil")));
        assertHostUntouched();
    }

    @Test
    void allowsDotDotThatStaysInside() throws Exception {
        apply(new TarBuilder().dir("a").file("a/../b", "x").bytes());
        assertEquals("x", Files.readString(layer.resolve("b")));
    }

    @Test
    void refusesWritingThroughASymlink() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(new TarBuilder()
                .symlink("escape", outside.toString()).file("escape/evil", "x").bytes()));
        assertTrue(e.getMessage().contains("\"escape/evil\"") && e.getMessage().contains("symlink"), e.getMessage());
        assertHostUntouched();
    }

    @Test
    void refusesWritingThroughARelativeSymlink() throws Exception {
        assertThrows(InvalidInputException.class, () -> apply(new TarBuilder()
                .symlink("up", "../outside").file("up/victim", "overwritten").bytes()));
        assertHostUntouched();
    }

    @Test
    void replacesASymlinkInsteadOfFollowingIt() throws Exception {
        apply(new TarBuilder().symlink("victim", outside.resolve("victim").toString())
                .file("victim", "replaced").bytes());
        assertFalse(Files.isSymbolicLink(layer.resolve("victim")));
        assertEquals("replaced", Files.readString(layer.resolve("victim")));
        assertHostUntouched();
    }

    @Test
    void refusesAHardLinkToAFileOutside() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(new TarBuilder()
                .hardLink("link", "../outside/victim").bytes()));
        assertTrue(e.getMessage().contains("\"link\""), e.getMessage());
        assertThrows(InvalidInputException.class, () -> apply(new TarBuilder()
                .hardLink("link2", outside.resolve("victim").toString()).bytes()));
        assertThrows(InvalidInputException.class, () -> apply(new TarBuilder()
                .symlink("s", outside.toString()).hardLink("link3", "s/victim").bytes()));
        assertHostUntouched();
        assertEquals(1, (int) Files.getAttribute(outside.resolve("victim"), "unix:nlink"));
    }

    @Test
    void refusesABareWhiteout() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> apply(new TarBuilder().file("dir/.wh.", "").bytes()));
        assertTrue(e.getMessage().contains("\"dir/.wh.\""), e.getMessage());
    }

    @Test
    void refusesTruncatedAndNonTarInput() throws Exception {
        byte[] tar = new TarBuilder().file("big", "b".repeat(10_000)).bytes();
        assertThrows(InvalidInputException.class, () -> apply(java.util.Arrays.copyOf(tar, 4096)));
        assertThrows(InvalidInputException.class, () -> apply(java.util.Arrays.copyOf(tar, 512 * 21)));
        assertThrows(InvalidInputException.class, () -> apply("plain text, not an archive".getBytes()));
        assertThrows(InvalidInputException.class, () -> apply(new byte[0]));
        assertThrows(InvalidInputException.class, () -> apply(gzip(java.util.Arrays.copyOf(gzip(tar), 100))));
    }

    @Test
    void sniffsCompressionAndDigestsTheUncompressedTar() throws Exception {
        byte[] tar = new TarBuilder().file("f", "content").bytes();
        Digest expected = Digest.of(tar);
        assertEquals(expected, apply(tar).diffId());
        Files.delete(layer.resolve("f"));
        assertEquals(expected, apply(gzip(tar)).diffId());
        Files.delete(layer.resolve("f"));
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(zstd)) {
            out.write(tar);
        }
        AppliedLayer applied = apply(zstd.toByteArray());
        assertEquals(expected, applied.diffId());
        assertEquals("content".length(), applied.size());
    }

    @Test
    void overlayLayoutGetsWhiteoutDevicesAndOpaqueMarkers() throws Exception {
        new LayerApplier().apply(new ByteArrayInputStream(new TarBuilder().file("gone/.wh.x", "")
                .file("opaque/.wh..wh..opq", "").file(".wh.top", "").bytes()),
                new LayerFiles(layer, LayerFiles.Layout.OVERLAY_CHANGES));
        assertTrue(dev.berth.core.host.FileStatus.of(layer.resolve("gone/x")).isWhiteout());
        assertTrue(dev.berth.core.host.FileStatus.of(layer.resolve("top")).isWhiteout());
        assertTrue(TreeChanges.isOpaque(layer.resolve("opaque")));
        assertFalse(Files.exists(layer.resolve(".wh.top"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void laterEntriesReplaceEarlierOnesOfTheSameChangeset() throws Exception {
        apply(new TarBuilder().file("a", "file first").dir("a").file("a/b", "in the directory")
                .dir("c").file("c/d", "gone with c").file("c", "a file now")
                .file("e", "first").file("e", "second")
                .symlink("f", outside.resolve("victim").toString()).file("f", "not through the symlink")
                .file("g", "linked").hardLink("h", "g").file("g", "a new g").bytes());
        assertEquals("in the directory", Files.readString(layer.resolve("a/b")));
        assertEquals("a file now", Files.readString(layer.resolve("c")));
        assertEquals("second", Files.readString(layer.resolve("e")));
        assertFalse(Files.isSymbolicLink(layer.resolve("f")));
        assertEquals("not through the symlink", Files.readString(layer.resolve("f")));
        assertEquals("linked", Files.readString(layer.resolve("h")), "the link keeps the inode it was made to");
        assertEquals("a new g", Files.readString(layer.resolve("g")));
        assertHostUntouched();
    }

    @Test
    void appliesOntoATreeThatIsThereAlready() throws Exception {
        Files.createDirectories(layer.resolve("lower/dir"));
        Files.writeString(layer.resolve("lower/file"), "lower");
        Files.createSymbolicLink(layer.resolve("lower/link"), outside);
        apply(new TarBuilder().file("lower/file", "upper").file("lower/dir", "was a directory")
                .file("lower/link", "was a symlink").file("lower/new", "new").bytes());
        assertEquals("upper", Files.readString(layer.resolve("lower/file")));
        assertEquals("was a directory", Files.readString(layer.resolve("lower/dir")));
        assertEquals("was a symlink", Files.readString(layer.resolve("lower/link")));
        assertEquals("new", Files.readString(layer.resolve("lower/new")));
        apply(new TarBuilder().symlink("escape", outside.toString()).bytes());
        assertThrows(InvalidInputException.class, () -> apply(new TarBuilder().file("escape/evil", "x").bytes()),
                "no write through a symlink that was there before the changeset");
        assertHostUntouched();
    }

    @Test
    void keepsContentAndAttributesOfLargeAndManyFiles() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        StringBuilder large = new StringBuilder();
        while (large.length() < 20 * EntryWriter.CHUNK_BYTES + 123) {
            large.append((char) ('a' + random.nextInt(26)));
        }
        TarBuilder tar = new TarBuilder().file("large", large.toString(), 04755, 1000, 1001,
                java.util.Map.of("user.note", "kept".getBytes())).hardLink("large-link", "large");
        long size = large.length();
        for (int i = 0; i < 300; i++) {
            tar.file("small/" + i, "content " + i, 0600 + (i % 2) * 0100, i % 3, 0, java.util.Map.of());
            size += ("content " + i).length();
        }
        tar.file("empty", "", 0640, 0, 0, java.util.Map.of());
        assertEquals(size, apply(tar.bytes()).size());

        Path file = layer.resolve("large");
        assertEquals(large.toString(), Files.readString(file));
        assertEquals(04755 | 0100000, (int) Files.getAttribute(file, "unix:mode"), "setuid survives the chown");
        assertEquals(1000, (int) Files.getAttribute(file, "unix:uid"));
        assertEquals(1001, (int) Files.getAttribute(file, "unix:gid"));
        assertEquals("kept", new String(dev.berth.core.host.HostFiles.xattrs(file).get("user.note")));
        assertEquals(TarBuilder.MTIME / 1_000_000, Files.getLastModifiedTime(file).toMillis());
        assertEquals(2, (int) Files.getAttribute(file, "unix:nlink"));
        for (int i = 0; i < 300; i++) {
            Path small = layer.resolve("small/" + i);
            assertEquals("content " + i, Files.readString(small));
            assertEquals(0100600 + (i % 2) * 0100, (int) Files.getAttribute(small, "unix:mode"));
            assertEquals(i % 3, (int) Files.getAttribute(small, "unix:uid"));
            assertEquals(TarBuilder.MTIME / 1_000_000, Files.getLastModifiedTime(small).toMillis());
        }
        assertEquals(0, Files.size(layer.resolve("empty")));
        assertEquals(0100640, (int) Files.getAttribute(layer.resolve("empty"), "unix:mode"));
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
