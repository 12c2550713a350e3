package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.cli.image.Rootfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** commit, diff, export and cp on both drivers, stopped and running containers. */
class ContainerFilesIT {

    @TempDir
    Path dir;

    BerthHome berth;

    void home(String driver) throws Exception {
        berth = new BerthHome(dir.resolve(driver)).with("BERTH_STORAGE_DRIVER", driver);
        ok("import", Rootfs.busyboxTar(dir.resolve("rootfs-" + driver)).toString(), "bb:1");
    }

    CliRun ok(String... args) {
        CliRun run = berth.run(args);
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "vfs"})
    void commitMakesAnImageOfExactlyTheChanges(String driver) throws Exception {
        home(driver);
        ok("run", "--name", "work", "bb:1", "sh", "-c",
                "echo new > /added; rm /etc/group; mkdir -p /tmp/dir; echo x > /tmp/dir/f");
        assertEquals(List.of("D /etc/group", "C /etc", "A /added", "C /tmp", "A /tmp/dir", "A /tmp/dir/f").stream()
                .sorted((a, b) -> a.substring(2).compareTo(b.substring(2))).toList(), ok("diff", "work").out().lines().toList());
        String id = ok("commit", "-m", "my change", "-a", "me", "-c", "ENV COMMITTED=yes", "work", "snap:1").out().strip();
        assertTrue(id.matches("sha256:[a-f0-9]{64}"), id);
        CliRun inside = ok("run", "--rm", "snap:1", "sh", "-c", "cat /added; ls /etc; echo $COMMITTED");
        // /etc/hostname, hosts and resolv.conf are every container's own, as in Docker.
        assertEquals("new\nhostname\nhosts\npasswd\nresolv.conf\nyes\n", inside.out(),
                "the change, the deletion as a whiteout, the --change");
        String history = ok("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", "snap:1").out();
        assertTrue(history.startsWith("sh -c echo new > /added; rm /etc/group; mkdir -p /tmp/dir; echo x > /tmp/dir/f|my change\n"),
                history);
        assertEquals("me\n", ok("image", "inspect", "-f", "{{.Author}}", "snap:1").out());
        assertTrue(ok("image", "inspect", "-f", "{{.Parent}}", "snap:1").out().startsWith("sha256:"));
        CliRun inUse = berth.run("rmi", "bb:1");
        assertEquals(1, inUse.code());
        assertTrue(inUse.err().startsWith("Error: conflict: unable to remove repository reference \"bb:1\" (must force)"
                + " - container "), inUse.err());
        ok("rm", "work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "vfs"})
    void exportWritesTheFlattenedTree(String driver) throws Exception {
        home(driver);
        ok("run", "--name", "flat", "bb:1", "sh", "-c", "echo data > /exported; rm /etc/group");
        Path tar = dir.resolve("flat.tar");
        ok("export", "-o", tar.toString(), "flat");
        List<String> names = names(Files.readAllBytes(tar));
        assertTrue(names.contains("exported") && names.contains("bin/busybox") && names.contains("etc/passwd"), names.toString());
        assertFalse(names.contains("etc/group"), "a deleted file is not exported");
        assertFalse(names.stream().anyMatch(n -> n.contains(".wh.")), "no whiteouts in a flattened tree");
        ok("rm", "flat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "vfs"})
    void copyBothWaysOnStoppedAndRunningContainers(String driver) throws Exception {
        home(driver);
        ok("run", "-d", "--name", "live", "bb:1", "sleep", "600");
        ok("create", "--name", "idle", "bb:1", "true");
        Path host = Files.writeString(dir.resolve("hello.txt"), "from the host\n");
        for (String container : List.of("live", "idle")) {
            ok("cp", host.toString(), container + ":/tmp/");
            Path back = dir.resolve("back-" + container);
            ok("cp", container + ":/tmp/hello.txt", back.toString());
            assertEquals("from the host\n", Files.readString(back));
            CliRun stream = ok("cp", container + ":/etc/passwd", "-");
            assertEquals(List.of("passwd"), names(stream.outBytes()));
            CliRun in = berth.runWithInput(tarOf("streamed.txt", "via stdin\n"), "cp", "-", container + ":/tmp");
            assertEquals(0, in.code(), in.toString());
        }
        assertEquals("from the host\nvia stdin\n", ok("exec", "live", "cat", "/tmp/hello.txt", "/tmp/streamed.txt").out());
        CliRun escape = berth.run("cp", "live:/../../../etc/hostname", "-");
        assertEquals(0, escape.code(), "'..' stops at the container's root");
        assertTrue(names(escape.outBytes()).contains("hostname"));
        CliRun missing = berth.run("cp", "idle:/nothere", dir.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("Could not find the file /nothere in container idle"), missing.err());
        ok("rm", "-f", "live", "idle");
    }

    private static List<String> names(byte[] tar) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName().replaceAll("^\\./", "").replaceAll("/$", ""));
            }
        }
        return names;
    }

    private static byte[] tarOf(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
