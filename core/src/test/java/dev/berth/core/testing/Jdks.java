package dev.berth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** JDKs on this machine, for tests of what only newer JDKs can do (berth is built for 17). */
public final class Jdks {

    private Jdks() {
    }

    /**
     * The {@code java} of a JDK of {@code feature} or later: the one running the tests, or one beside it in the
     * JDKs' common directory (as in {@code /usr/lib/jvm}).
     */
    public static Optional<Path> javaOfAtLeast(int feature) throws IOException {
        Path home = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= feature) {
            return Optional.of(home.resolve("bin/java"));
        }
        try (Stream<Path> all = Files.list(home.getParent())) {
            return all.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && feature(jdk) >= feature)
                    .map(jdk -> jdk.resolve("bin/java")).findFirst();
        }
    }

    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
