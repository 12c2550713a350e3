package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A native binary shipped in the jar (built by the Maven build from src/main/c), installed on the host under
 * a root-only directory as a file named by its sha256, which is checked when it is written. Later runs find
 * it by that name and check that it is still root-owned and writable by no one, then use it as it is.
 */
final class EmbeddedBinary {

    private static final String RESOURCES = "/dev/berth/runtime/linux/native/";
    private static final Set<PosixFilePermission> READ_EXECUTE =
            PosixFilePermissions.fromString("r-x------");

    private final String name;
    private final Path directory;

    /**
     * @param name      the binary's name in the jar: {@code berth-helper} or {@code berth-init}
     * @param directory the root-only directory it is installed in
     */
    EmbeddedBinary(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** The installed binary, installing it first when needed. */
    Path install() throws RuntimeFailureException {
        String digest = expectedDigest();
        Path target = directory.resolve(digest);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                requireUntouchable(target);
                return target;
            }
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            byte[] bytes = read();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!actual.equals(digest)) {
                throw new RuntimeFailureException("the " + name + " binary in berth's jar is damaged (sha256 "
                        + actual + ", expected " + digest + "): reinstall berth");
            }
            Path temporary = Files.createTempFile(directory, name, ".tmp");
            Files.write(temporary, bytes);
            Files.setPosixFilePermissions(temporary, READ_EXECUTE);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot install the " + name + " binary in " + directory + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String expectedDigest() throws RuntimeFailureException {
        try (InputStream in = EmbeddedBinary.class.getResourceAsStream(RESOURCES + name + ".sha256")) {
            if (in == null) {
                throw new RuntimeFailureException("berth's jar lacks the " + name + " binary: it was built without "
                        + "the native part (runtime-linux/src/main/c); rebuild berth on Linux with gcc");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read the " + name + " digest from berth's jar", e);
        }
    }

    private byte[] read() throws IOException {
        try (InputStream in = EmbeddedBinary.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("berth's jar lacks " + name);
            }
            return in.readAllBytes();
        }
    }

    private void requireUntouchable(Path target) throws IOException, RuntimeFailureException {
        Object owner = Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
        if (!Integer.valueOf(0).equals(owner) || !permissions.equals(READ_EXECUTE)
                || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RuntimeFailureException(target + " is not a root-owned file with mode 0500: berth will not "
                    + "run it; remove it and berth installs it again");
        }
    }
}
