package dev.berth.core.image;

import dev.berth.core.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the entries of an image archive (a tar file), so that manifests at its end can be read
 * first and each blob streamed once, straight from the archive, into the layer store. Symlinks between
 * entries (older {@code docker save} links repeated layers) are followed inside the archive only.
 */
final class ArchiveIndex implements Closeable {

    private static final int MAX_LINKS = 16;

    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private ArchiveIndex(TarFile tar) {
        this.tar = tar;
    }

    /**
     * Indexes {@code file}. An entry whose name climbs out of the archive ({@code ../}) makes the whole
     * archive suspect: it is refused, as Docker refuses it.
     */
    static ArchiveIndex open(Path file) throws InvalidInputException {
        TarFile tar;
        try {
            tar = new TarFile(file.toFile());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("the archive is not a valid tar file (" + e.getMessage()
                    + "); make it with berth save, docker save, podman save or skopeo", e);
        }
        ArchiveIndex index = new ArchiveIndex(tar);
        try {
            if (tar.getEntries().isEmpty()) {
                throw new InvalidInputException("the archive is empty or not a tar file");
            }
            for (TarArchiveEntry entry : tar.getEntries()) {
                index.entries.put(resolve(entry.getName(), entry.getName()), entry);
            }
        } catch (InvalidInputException e) {
            index.closeQuietly();
            throw e;
        }
        return index;
    }

    private void closeQuietly() {
        try {
            tar.close();
        } catch (IOException e) {
            // Nothing was read from it; the error that made us close it is the one to report.
        }
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The regular file {@code name}, following symlinks inside the archive. */
    Optional<TarArchiveEntry> file(String name) throws InvalidInputException {
        String current = resolve(name, name);
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry == null) {
                return Optional.empty();
            }
            if (entry.isSymbolicLink()) {
                String target = entry.getLinkName();
                String base = current.contains("/") ? current.substring(0, current.lastIndexOf('/') + 1) : "";
                current = resolve(target.startsWith("/") ? target : base + target, name);
                continue;
            }
            if (entry.isLink()) {
                current = resolve(entry.getLinkName(), name);
                continue;
            }
            if (!entry.isFile()) {
                throw new InvalidInputException("archive entry \"" + name + "\" is not a file");
            }
            return Optional.of(entry);
        }
        throw new InvalidInputException("archive entry \"" + name + "\" is a chain of links too long to follow");
    }

    TarArchiveEntry require(String name, String what) throws InvalidInputException {
        return file(name).orElseThrow(() -> new InvalidInputException("the archive has no " + what + " (\"" + name
                + "\"): it is incomplete or damaged"));
    }

    InputStream open(TarArchiveEntry entry) throws IOException {
        return tar.getInputStream(entry);
    }

    byte[] read(String name, String what, int limit) throws IOException, InvalidInputException {
        TarArchiveEntry entry = require(name, what);
        if (entry.getSize() > limit) {
            throw new InvalidInputException("the archive's " + what + " (\"" + name + "\") is " + entry.getSize()
                    + " bytes; berth refuses more than " + limit);
        }
        try (InputStream in = open(entry)) {
            return in.readAllBytes();
        }
    }

    /** An archive-relative path without {@code ./} or {@code ..}; a path that leaves the archive is refused. */
    private static String resolve(String path, String origin) throws InvalidInputException {
        ArrayDeque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidInputException("refusing the archive: entry \"" + origin
                            + "\" points outside the archive (\"..\")");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
