package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import dev.berth.core.testing.Jdks;
import dev.berth.core.testing.LiveThreads;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry command leaves no HTTP client thread behind once it is done: such a thread waits in native code,
 * and the JVM waits up to 300 ms for it at its exit. Stopping it needs JDK 21 or later, so the command runs in
 * a JVM of its own from such a JDK.
 */
class RegistryClientsClosedIT {

    @TempDir
    Path dir;

    @Test
    void aPullEndsWithTheRegistryClientsClosed() throws Exception {
        Optional<Path> newerJava = Jdks.javaOfAtLeast(21);
        assumeTrue(newerJava.isPresent(), "needs a JDK of 21 or later, which has HttpClient.shutdownNow");
        Process child = new ProcessBuilder(newerJava.get().toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PullThenCount.class.getName(),
                dir.resolve("data").toString(), dir.resolve("exec").toString())
                .redirectError(dir.resolve("child.err").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("pull exit code 1, HTTP client threads left: 0", output,
                Files.readString(dir.resolve("child.err")));
    }

    /** The child JVM: a pull from a registry that knows no image, then the count of the client's threads. */
    static final class PullThenCount {
        public static void main(String[] args) throws Exception {
            HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            registry.createContext("/", exchange -> {
                byte[] body = exchange.getRequestURI().getPath().equals("/v2/") ? "{}".getBytes()
                        : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(body.length == 2 ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            registry.start();
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            int code = Main.run(new String[] {"--data-root", args[0], "--exec-root", args[1], "pull",
                "127.0.0.1:" + registry.getAddress().getPort() + "/nothing/here:1"},
                    new Streams(InputStream.nullInputStream(), nowhere, System.err), Environment.system());
            registry.stop(0);
            long left = LiveThreads.settled(thread -> thread.getName().startsWith("HttpClient-"), Duration.ofSeconds(2));
            System.out.println("pull exit code " + code + ", HTTP client threads left: " + left);
        }
    }
}
