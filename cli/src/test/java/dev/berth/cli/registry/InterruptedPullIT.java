package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.cli.Main;
import dev.berth.core.testing.FaultProxy;
import dev.berth.core.testing.Fixtures;
import dev.berth.core.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull killed with SIGKILL half way (its base layer stored, its top layer's blob half downloaded) leaves
 * no image; the next pull reuses the complete download, resumes the partial one with {@code Range}, and
 * ends with the image.
 */
class InterruptedPullIT {

    static final String BASE_BLOB = "79a68deb4cc78d4494959e94b7998044048e3f0b2db8b4d8fdb33578941ae72e";
    static final String TOP_BLOB = "b1ccf0c0ccc375b06a509f11f1c80f2763d957a60d25948dbb325a27384ab64d";
    static final String BASE_CHAIN = "a9389c5b10ab69a92e1e94973c34a543a65f6e05fe490dce2a92f99c37588d8f";
    static final String BB2 = "cd7aea87cca11cf8ecb6f0997eb4c1c0ca34e6941063a307645e8d59d0403f3e";

    @TempDir
    Path dir;

    @Test
    void aKilledPullLeavesNoImageAndTheNextOneResumesIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultProxy proxy = new FaultProxy(registry.port())) {
            registry.copyIn("docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:2", "ns/bb:2");
            proxy.on("GET", "/blobs/sha256:" + TOP_BLOB, 1, FaultProxy.Fault.stallAfter(100));
            BerthHome berth = new BerthHome(dir.resolve("home"));
            Path data = berth.dataRoot();
            String name = proxy.address() + "/ns/bb:2";

            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "pull", name)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
            builder.environment().putAll(berth.environment());
            builder.environment().put("BERTH_CONFIG", "");
            Process child = builder.start();
            try {
                Path partial = data.resolve("tmp/pull/" + TOP_BLOB + ".partial");
                awaitTrue(() -> Files.exists(data.resolve("layers/overlay/sha256/" + BASE_CHAIN + ".json"))
                        && size(partial) == 100, child);
            } finally {
                child.destroyForcibly(); // SIGKILL, in the middle of the top layer's download
                child.waitFor(10, TimeUnit.SECONDS);
            }
            assertFalse(child.isAlive());
            assertTrue(list(data.resolve("images/overlay/meta/sha256")).isEmpty(), "no image after the kill");
            assertTrue(Files.exists(data.resolve("tmp/pull/" + BASE_BLOB)), "the base layer's blob was complete");

            CliRun pull = berth.run("pull", name);
            assertEquals(0, pull.code(), pull.toString() + "\nchild:\n" + Files.readString(dir.resolve("child.log")));
            assertEquals(List.of("79a68deb4cc7: Pulling fs layer", "79a68deb4cc7: Download complete",
                    "79a68deb4cc7: Pull complete"), pull.out().lines().filter(l -> l.startsWith("79a68deb4cc7")).toList());
            assertEquals(1, proxy.requests("GET", "/blobs/sha256:" + BASE_BLOB).size(), "the complete blob is reused");
            List<FaultProxy.Seen> top = proxy.requests("GET", "/blobs/sha256:" + TOP_BLOB);
            assertEquals(2, top.size(), top.toString());
            assertEquals("bytes=100-", top.get(1).header("Range").orElseThrow(), "the partial blob is resumed");
            assertEquals(List.of(BB2 + ".json"), list(data.resolve("images/overlay/meta/sha256")));
            assertEquals(List.of(), list(data.resolve("tmp/pull")), "downloads are gone once used");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Process child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the child pull never reached the middle of its download (alive: "
                        + child.isAlive() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static List<String> list(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
