package dev.berth.core.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Supplier;
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

    private volatile HttpClient plain;
    private volatile HttpClient tls;

    /** The client for requests to {@code uri}. */
    HttpClient forUri(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            HttpClient current = tls;
            return current != null ? current : tls(() -> builder().build());
        }
        HttpClient current = plain;
        return current != null ? current : plain(() -> builder().sslContext(trustingNothing()).build());
    }

    private synchronized HttpClient tls(Supplier<HttpClient> make) {
        if (tls == null) {
            tls = make.get();
        }
        return tls;
    }

    private synchronized HttpClient plain(Supplier<HttpClient> make) {
        if (plain == null) {
            plain = make.get();
        }
        return plain;
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
