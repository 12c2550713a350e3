package dev.berth.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Root file systems for tests, made from Debian's busybox-static as the README's first command makes them. */
public final class Rootfs {

    static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "sleep", "true", "false", "ps", "id",
            "hostname", "mount", "touch", "rm", "mkdir", "env", "sed", "grep", "wc", "head", "tail", "kill", "pwd");

    private Rootfs() {
    }

    /** A directory with {@code /bin/busybox}, its applets, {@code /etc/passwd} and {@code /tmp}. */
    public static Path busyboxDirectory(Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve("rootfs"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        Files.createDirectories(root.resolve("tmp"));
        return root;
    }

    /** The same as a tar, as {@code tar -C DIR -cf FILE .} makes it. */
    public static Path busyboxTar(Path parent) throws IOException, InterruptedException {
        Path root = busyboxDirectory(parent);
        Path tar = parent.resolve("rootfs.tar");
        Process process = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("tar failed");
        }
        return tar;
    }
}
