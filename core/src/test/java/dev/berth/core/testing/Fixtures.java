package dev.berth.core.testing;

import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The archives in {@code ../shared/fixtures}, written by {@code docker save} and {@code skopeo}: the real
 * formats berth must read, made by tools other than berth.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fixture file; the build tells integration tests where the repository is. */
    public static Path path(String name) {
        Path root = Path.of(System.getProperty("berth.repository.root", "."));
        for (Path dir : List.of(root.resolve("../shared/fixtures"), root.resolve("../../shared/fixtures"),
                Path.of("../shared/fixtures"), Path.of("../../shared/fixtures"), Path.of("../../../shared/fixtures"))) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("fixture " + name + " not found beside the repository (../shared/fixtures)");
    }

    /** The contents of the entries of a fixture archive whose names match, in archive order. */
    public static List<byte[]> entries(String archive, Predicate<String> names) throws Exception {
        List<byte[]> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path(archive))) {
            TarReader reader = new TarReader(in);
            for (Optional<TarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                if (names.test(entry.get().name()) && entry.get().isRegularFile()) {
                    found.add(reader.content().readAllBytes());
                }
            }
        }
        return found;
    }
}
