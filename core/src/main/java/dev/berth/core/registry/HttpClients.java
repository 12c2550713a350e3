package dev.berth.core.registry;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK's HTTP clients that berth talks to registries with, one for the process per scheme, each made when
 * first needed. The JDK builds a client's TLS context, with every certificate of the system's trust store,
 * as it builds the client: a pull from a plain-HTTP registry (a local one, by default any on 127.0.0.0/8)
 * would pay for it on every command without using it. So plain HTTP goes through a client without TLS
 * ({@link NoTlsContext}), and only HTTPS through the one with the system's trust store.
 *
 * <p>The clients read 256 kB at a time instead of the JDK's 16 kB: each read is a buffer allocated, a hand-over
 * from the selector thread to a worker and a batch for the body's subscriber, and a large layer otherwise
 * takes thousands of them (a 95 MB blob: 6,000).
 *
 * <p>{@link #close()} stops the clients' selector threads, which otherwise sit in {@code epoll_wait}, native
 * code, and so hold the JVM's exit back by 300 ms. Stopping them needs {@code HttpClient.shutdownNow}, which
 * JDK 21 added; berth is built for 17, so it is looked up, and on 17 there is nothing to call.
 */
final class HttpClients implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The JDK's property for the size of a client's reads; read once, when its first client is built. */
    private static final String BUFFER_SIZE = "jdk.httpclient.bufsize";

    static {
        if (System.getProperty(BUFFER_SIZE) == null) {
            System.setProperty(BUFFER_SIZE, Integer.toString(256 << 10));
        }
    }

    /** By whether the scheme is HTTPS. */
    private final Map<Boolean, HttpClient> clients = new ConcurrentHashMap<>(2);

    /** The client for requests to {@code uri}. */
    HttpClient forUri(URI uri) {
        return clients.computeIfAbsent("https".equalsIgnoreCase(uri.getScheme()),
                https -> https ? builder().build()
                        : builder().sslContext(new NoTlsContext()).sslParameters(NoTlsContext.parameters()).build());
    }

    /** Stops every client made, aborting what is still under way; waits a moment for their threads. */
    @Override
    public void close() {
        clients.values().forEach(Shutdown::now);
        clients.clear();
    }

    private static HttpClient.Builder builder() {
        // HTTP/1.1: parallel downloads get a connection each instead of sharing one stream window.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT);
    }

    /** {@code HttpClient.shutdownNow} and {@code awaitTermination}, where the JDK has them (21 and later). */
    private static final class Shutdown {
        private static final Duration WAIT = Duration.ofMillis(200);
        private static final MethodHandle SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
        private static final MethodHandle AWAIT_TERMINATION = find("awaitTermination",
                MethodType.methodType(boolean.class, Duration.class));

        private static MethodHandle find(String name, MethodType type) {
            try {
                return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null; // JDK 17: the selector thread ends when the client is collected.
            }
        }

        static void now(HttpClient client) {
            if (SHUTDOWN_NOW == null || AWAIT_TERMINATION == null) {
                return;
            }
            try {
                SHUTDOWN_NOW.invoke(client);
                AWAIT_TERMINATION.invoke(client, WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                // The process is ending: a client that does not stop costs the exit 300 ms, nothing else.
            }
        }
    }
}
