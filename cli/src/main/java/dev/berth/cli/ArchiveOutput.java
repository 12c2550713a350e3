package dev.berth.cli;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where {@code save} and {@code export} write their archive, as Docker's do: standard output (never a
 * terminal), or {@code -o FILE}, written beside the target and renamed into place, so that a failed command
 * never leaves half an archive under the name.
 */
public final class ArchiveOutput {

    /** Writes an archive to the stream it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws BerthException, IOException;
    }

    private ArchiveOutput() {
    }

    /** Refuses a terminal as standard output when there is no {@code file}, before any work is done. */
    public static void checkTarget(Path file, Streams streams) throws InvalidInputException {
        if (file == null && streams.outIsTerminal()) {
            throw new InvalidInputException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
    }

    /** Writes to {@code file}, or to standard output when it is null. */
    public static void write(Path file, Streams streams, Writer writer) throws BerthException {
        checkTarget(file, streams);
        try {
            if (file == null) {
                writer.write(streams.out());
                streams.out().flush();
                return;
            }
            Path target = file.toAbsolutePath();
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    writer.write(out);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
