package dev.berth.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Damaged copies of real archives, made entry by entry, for the bad-input tests. */
final class Archives {

    private Archives() {
    }

    /**
     * Copies {@code source} to {@code target}, passing each entry's name and content through {@code edit};
     * an edit returning null drops the entry.
     */
    static Path rewrite(Path source, Path target, BiFunction<String, byte[], byte[]> edit) throws IOException {
        try (InputStream file = Files.newInputStream(source);
             TarArchiveInputStream in = new TarArchiveInputStream(file);
             OutputStream outFile = Files.newOutputStream(target);
             TarArchiveOutputStream out = new TarArchiveOutputStream(outFile)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = entry.isFile() ? in.readAllBytes() : new byte[0];
                byte[] edited = entry.isFile() ? edit.apply(entry.getName(), content) : content;
                if (edited == null) {
                    continue;
                }
                TarArchiveEntry copy = new TarArchiveEntry(entry.getName(), entry.isSymbolicLink() ? TarArchiveEntry.LF_SYMLINK : entry.isDirectory() ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
                copy.setMode(entry.getMode());
                copy.setModTime(entry.getModTime());
                if (entry.isSymbolicLink()) {
                    copy.setLinkName(entry.getLinkName());
                }
                copy.setSize(entry.isFile() ? edited.length : 0);
                out.putArchiveEntry(copy);
                out.write(edited);
                out.closeArchiveEntry();
            }
        }
        return target;
    }

    /** Adds an entry with a name as given (e.g. one that climbs out with {@code ../}). */
    static Path withExtraEntry(Path source, Path target, String name, byte[] content) throws IOException {
        rewrite(source, target, (n, c) -> c);
        Path withEntry = target.resolveSibling(target.getFileName() + ".extra");
        try (InputStream file = Files.newInputStream(target);
             TarArchiveInputStream in = new TarArchiveInputStream(file);
             OutputStream outFile = Files.newOutputStream(withEntry);
             TarArchiveOutputStream out = new TarArchiveOutputStream(outFile)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry evil = new TarArchiveEntry(name, true);
            evil.setSize(content.length);
            out.putArchiveEntry(evil);
            out.write(content);
            out.closeArchiveEntry();
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
        }
        Files.move(withEntry, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
