package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code data-root/tmp}: scratch files named after the process that made them, so that what a killed
 * process left can be told from what a running one is using, and removed by the next command.
 */
public final class ScratchSpace {

    private static final Pattern OWNED = Pattern.compile("[a-z]+-(\\d+)-(\\d+)-.*");

    private final Path root;

    public ScratchSpace(Path root) {
        this.root = root;
    }

    /** A new, empty scratch file; the caller deletes it. Leftovers of dead processes go first. */
    public Path newFile(String purpose, String suffix) throws IOException {
        Files.createDirectories(root);
        removeAbandoned();
        ProcessId self = ProcessId.current();
        return Files.createTempFile(root, purpose + "-" + self.pid() + "-" + self.startedAt() + "-", suffix);
    }

    /** Removes the scratch files and directories of processes that are gone. */
    public void removeAbandoned() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Matcher owner = OWNED.matcher(entry.getFileName().toString());
                if (owner.matches() && !new ProcessId(Long.parseLong(owner.group(1)),
                        Long.parseLong(owner.group(2))).isAlive()) {
                    FileTrees.delete(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing was ever spooled.
        }
    }
}
