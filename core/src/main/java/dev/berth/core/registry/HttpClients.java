package dev.berth.core.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The JDK's HTTP clients that berth talks to registries with, one for the process per scheme, each made when
 * first needed. The JDK builds a client's TLS context, with every certificate of the system's trust store,
 * as it builds the client: a pull from a plain-HTTP registry (a local one, by default any on 127.0.0.0/8)
 * would pay for it on every command without using it. So plain HTTP goes through a client whose TLS context
 * trusts nothing, and only HTTPS through the one with the system's trust store.
 */
final class HttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** By whether the scheme is HTTPS. */
    private final Map<Boolean, HttpClient> clients = new ConcurrentHashMap<>(2);

    /** The client for requests to {@code uri}. */
    HttpClient forUri(URI uri) {
        return clients.computeIfAbsent("https".equalsIgnoreCase(uri.getScheme()),
                https -> https ? builder().build() : builder().sslContext(trustingNothing()).build());
    }

    private static HttpClient.Builder builder() {
        // HTTP/1.1: parallel downloads get a connection each instead of sharing one stream window.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT);
    }

    private static SSLContext trustingNothing() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS implementation: " + e.getMessage(), e);
        }
    }
}
