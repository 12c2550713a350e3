package dev.berth.runtime.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A root file system made from Debian's busybox-static: /bin/busybox and a symlink per applet, plus a small
 * /etc/passwd and /etc/group. Built once per test JVM and shared read-only (containers get an overlay on it).
 */
final class BusyboxRoot {

    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static Path root;

    private BusyboxRoot() {
    }

    static synchronized Path get() {
        if (root == null) {
            try {
                root = build();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot build the busybox root (is busybox-static installed?)", e);
            }
            Path built = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(built)));
        }
        return root;
    }

    private static Path build() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("berth-bb");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        List<String> applets = new String(list.getInputStream().readAllBytes()).lines().toList();
        if (list.waitFor() != 0) {
            throw new IOException("busybox --list failed");
        }
        for (String applet : applets) {
            if (!applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "user:x:1000:1000:user:/home/user:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nusers:x:100:user\nstaff:x:50:user\nuser:x:1000:\n"
                + "nogroup:x:65534:\n");
        for (String name : List.of("proc", "sys", "dev", "root", "home/user", "mnt")) {
            Files.createDirectories(dir.resolve(name));
        }
        Files.setPosixFilePermissions(Files.createDirectory(dir.resolve("tmp")), PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
