package dev.berth.spi;

import dev.berth.core.host.FileStatus;
import dev.berth.core.host.HostFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A comparable description of a directory tree: for each path, its type, mode, owner, size, mtime (whole
 * seconds, a tar's resolution), symlink target, device number, extended attributes and content digest.
 */
public final class TreeSnapshot {

    private TreeSnapshot() {
    }

    public static Map<String, String> of(Path root) {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                snapshot.put("/" + root.relativize(file), describe(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        snapshot.remove("/");
        return snapshot;
    }

    static String describe(Path file) throws IOException {
        FileStatus status = FileStatus.of(file);
        StringBuilder text = new StringBuilder(String.format("mode=%o uid=%d gid=%d", status.mode(), status.uid(),
                status.gid()));
        if (!status.isDirectory()) {
            text.append(" mtime=").append(status.mtimeSeconds());
        }
        if (status.isRegularFile()) {
            text.append(" sha256=").append(dev.berth.core.model.Digest.of(Files.readAllBytes(file)).shortHex());
        }
        if (status.isSymlink()) {
            text.append(" -> ").append(Files.readSymbolicLink(file));
        }
        if (status.type() == HostFiles.S_IFCHR || status.type() == HostFiles.S_IFBLK) {
            text.append(" dev=").append(HostFiles.major(status.rdev())).append(',')
                    .append(HostFiles.minor(status.rdev()));
        }
        new TreeMap<>(HostFiles.xattrs(file)).forEach((name, value) -> {
            if (!name.startsWith("trusted.overlay.")) {
                text.append(' ').append(name).append('=').append(HexFormat.of().formatHex(value));
            }
        });
        return text.toString();
    }
}
