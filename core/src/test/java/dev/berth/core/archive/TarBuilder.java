package dev.berth.core.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small layer tars for tests, entry by entry, with {@link TarWriter}. */
public final class TarBuilder {

    public static final long MTIME = 1_600_000_000L * 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarWriter tar = new TarWriter(bytes);

    public TarBuilder dir(String name) {
        return dir(name, 0755, 0, 0);
    }

    public TarBuilder dir(String name, int mode, int uid, int gid) {
        return add(new TarEntry(name, TarEntry.DIRECTORY, mode, uid, gid, 0, MTIME, "", 0, 0, Map.of()), "");
    }

    public TarBuilder file(String name, String content) {
        return file(name, content, 0644, 0, 0, Map.of());
    }

    public TarBuilder file(String name, String content, int mode, int uid, int gid, Map<String, byte[]> xattrs) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return add(new TarEntry(name, TarEntry.FILE, mode, uid, gid, data.length, MTIME, "", 0, 0,
                new LinkedHashMap<>(xattrs)), content);
    }

    public TarBuilder symlink(String name, String target) {
        return add(new TarEntry(name, TarEntry.SYMLINK, 0777, 0, 0, 0, MTIME, target, 0, 0, Map.of()), "");
    }

    public TarBuilder hardLink(String name, String target) {
        return add(new TarEntry(name, TarEntry.HARD_LINK, 0644, 0, 0, 0, MTIME, target, 0, 0, Map.of()), "");
    }

    public TarBuilder node(String name, char type, int major, int minor) {
        return add(new TarEntry(name, type, 0640, 0, 0, 0, MTIME, "", major, minor, Map.of()), "");
    }

    public TarBuilder add(TarEntry entry, String content) {
        try {
            tar.write(entry, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] bytes() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
