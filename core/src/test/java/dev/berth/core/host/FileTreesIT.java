package dev.berth.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a tree that a file system is mounted in (needs root, for the mount). */
class FileTreesIT {

    @TempDir
    Path temp;

    @Test
    void deletingOnThisFileSystemLeavesWhatIsMountedBelow() throws Exception {
        Path root = Files.createDirectories(temp.resolve("scratch/a/b"));
        Files.writeString(temp.resolve("scratch/a/file"), "x");
        Path mountPoint = Files.createDirectories(temp.resolve("scratch/m"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", mountPoint.toString()).start().waitFor());
        try {
            Files.writeString(mountPoint.resolve("kept"), "k");

            FileTrees.deleteOnThisFileSystem(temp.resolve("scratch"));

            assertEquals("k", Files.readString(mountPoint.resolve("kept")), "the mounted file system is left alone");
            assertFalse(Files.exists(root.getParent()), "the rest is gone");
            assertTrue(Files.isDirectory(mountPoint));
        } finally {
            new ProcessBuilder("umount", mountPoint.toString()).start().waitFor();
        }
    }
}
