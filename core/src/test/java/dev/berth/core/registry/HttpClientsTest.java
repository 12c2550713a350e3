package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.net.http.HttpClient;
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
    }

    @Test
    void eachSchemeHasOneClientForTheProcess() {
        assertSame(clients.forUri(URI.create("https://a.example/v2/")), clients.forUri(URI.create("HTTPS://b.example/x")));
        assertSame(clients.forUri(URI.create("http://a.example/v2/")), clients.forUri(URI.create("http://b.example/x")));
    }
}
