package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/** Reading and writing cgroup interface files: plain file I/O, which is all cgroups need. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static void write(Path file, String value) throws RuntimeFailureException {
        try {
            Files.writeString(file, value);
        } catch (NoSuchFileException e) {
            throw new RuntimeFailureException("the cgroup of " + file + " is gone: the container has stopped", e);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write \"" + value + "\" to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes unless the cgroup is gone (its processes ended and it was removed): then false. */
    static boolean writeIfPresent(Path file, String value) throws RuntimeFailureException {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write \"" + value + "\" to " + file + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) throws RuntimeFailureException {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file of a cgroup that may be removed meanwhile (when its last process ends, the monitor removes
     * it): empty once it is gone. While being removed, its files fail with ENODEV for a moment.
     */
    static Optional<String> readIfPresent(Path file) throws RuntimeFailureException {
        for (int attempt = 0;; attempt++) {
            try {
                return Optional.of(Files.readString(file).strip());
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                if (attempt == 1000) {
                    throw new RuntimeFailureException("cannot read " + file + ": " + e.getMessage(), e);
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    static long readLong(Path file) throws RuntimeFailureException {
        return Long.parseLong(read(file));
    }

    /** A number, or empty for {@code max} or anything at least {@code unlimitedFrom}. */
    static OptionalLong readLimit(Path file, long unlimitedFrom) throws RuntimeFailureException {
        String value = read(file);
        if (value.equals("max")) {
            return OptionalLong.empty();
        }
        long limit = Long.parseLong(value);
        return limit >= unlimitedFrom ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** The value of {@code key} in a flat keyed file ({@code key value} lines), 0 when absent. */
    static long keyed(Path file, String key) throws RuntimeFailureException {
        for (String line : read(file).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(key)) {
                return Long.parseLong(line.substring(space + 1).strip());
            }
        }
        return 0;
    }

    /** The PIDs listed in a {@code cgroup.procs} file; none when the cgroup is gone. */
    static List<Long> pids(Path procs) throws RuntimeFailureException {
        List<Long> pids = new ArrayList<>();
        for (String line : readIfPresent(procs).orElse("").split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    /** Creates the directory and its missing parents; an existing one is fine. */
    static void makeDirectory(Path directory) throws RuntimeFailureException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create the cgroup " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Removes an empty cgroup directory; a missing one is fine. False when processes still hold it. */
    static boolean removeDirectory(Path directory) throws RuntimeFailureException {
        try {
            Files.deleteIfExists(directory);
            return true;
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("busy")) {
                return false;
            }
            throw new RuntimeFailureException("cannot remove the cgroup " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the freezer to report what was asked: freezing a cgroup completes asynchronously. Backs off
     * from 0.1 ms; pause is not on the run path. A cgroup removed meanwhile (its processes were killed, and
     * the monitor removed it) has nothing left to wait for.
     */
    static void awaitState(Path file, String wanted, Path writeAgain, String value) throws RuntimeFailureException {
        long pause = 100_000;
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Optional<String> state = readIfPresent(file); state.isPresent() && !state.get().contains(wanted);
                state = readIfPresent(file)) {
            if (System.nanoTime() > deadline) {
                throw new RuntimeFailureException("the freezer did not reach \"" + wanted + "\" in 10 s: " + file);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 50_000_000);
            if (writeAgain != null) {
                writeIfPresent(writeAgain, value);
            }
        }
    }
}
