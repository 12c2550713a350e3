package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.core.testing.Jdks;
import dev.berth.core.testing.LiveThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private final HttpClients clients = new HttpClients();

    @Test
    void httpsGoesThroughTheSystemsTrustStoreAndPlainHttpThroughAClientOfItsOwn() throws Exception {
        HttpClient secure = clients.forUri(URI.create("https://registry.example/v2/"));
        HttpClient plain = clients.forUri(URI.create("http://127.0.0.1:5000/v2/"));
        assertSame(SSLContext.getDefault(), secure.sslContext(), "HTTPS is verified against the system's trust store");
        assertNotSame(secure, plain);
        assertNotSame(SSLContext.getDefault(), plain.sslContext());
        // Never a connection without verification: the plain client's context refuses to make TLS at all.
        assertThrows(UnsupportedOperationException.class, () -> plain.sslContext().createSSLEngine());
        assertThrows(UnsupportedOperationException.class, () -> plain.sslContext().getSocketFactory());
    }

    @Test
    void eachSchemeHasOneClientForTheProcess() {
        assertSame(clients.forUri(URI.create("https://a.example/v2/")), clients.forUri(URI.create("HTTPS://b.example/x")));
        assertSame(clients.forUri(URI.create("http://a.example/v2/")), clients.forUri(URI.create("http://b.example/x")));
    }

    /**
     * The JVM waits up to 300 ms at its exit for threads blocked in native code, such as a client's selector in
     * epoll_wait. {@code close()} stops them where the JDK can (21 and later), so the test runs in a JVM of 21
     * or later: this one, or one found beside it under the JDKs' common directory.
     */
    @Test
    void closeEndsTheClientsSelectorThreads() throws Exception {
        Optional<Path> java = Jdks.javaOfAtLeast(21);
        assumeTrue(java.isPresent(), "needs a JDK of 21 or later, which has HttpClient.shutdownNow");
        Process child = new ProcessBuilder(java.get().toString(), "-cp", System.getProperty("java.class.path"),
                SelectorThreads.class.getName()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ends");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("selector threads before close: 1, after: 0", output);
    }

    /** The child JVM: one request through a client to a server of its own, then the count of selector threads. */
    static final class SelectorThreads {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            HttpClients clients = new HttpClients();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/");
            clients.forUri(uri).send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            long before = selectors();
            clients.close();
            server.stop(0);
            long after = LiveThreads.settled(SelectorThreads::isSelector, Duration.ofSeconds(2));
            System.out.println("selector threads before close: " + before + ", after: " + after);
        }

        private static boolean isSelector(Thread thread) {
            return thread.getName().contains("SelectorManager");
        }

        private static long selectors() throws InterruptedException {
            return LiveThreads.settled(SelectorThreads::isSelector, Duration.ZERO);
        }
    }
}
