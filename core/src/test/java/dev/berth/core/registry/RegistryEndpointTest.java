package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {

    static URI base(String domain, String... insecure) throws Exception {
        return RegistryEndpoint.of(domain, List.of(insecure)).base();
    }

    @Test
    void dockerHubIsServedByRegistryOne() throws Exception {
        assertEquals(URI.create("https://registry-1.docker.io"), base("docker.io"));
        assertEquals(URI.create("https://registry-1.docker.io"), base("docker.io", "docker.io"));
    }

    @Test
    void loopbackIsPlainHttpEverythingElseHttps() throws Exception {
        assertEquals(URI.create("http://localhost:5000"), base("localhost:5000"));
        assertEquals(URI.create("http://localhost"), base("localhost"));
        assertEquals(URI.create("http://127.0.0.1:5000"), base("127.0.0.1:5000"));
        assertEquals(URI.create("http://127.8.9.10:5000"), base("127.8.9.10:5000"));
        assertEquals(URI.create("http://[::1]:5000"), base("[::1]:5000"));
        assertEquals(URI.create("https://128.0.0.1:5000"), base("128.0.0.1:5000"));
        assertEquals(URI.create("https://registry.example:5000"), base("registry.example:5000"));
        assertEquals(URI.create("https://localhost.example"), base("localhost.example"));
    }

    @Test
    void insecureRegistriesByNameNameAndPortOrRange() throws Exception {
        assertEquals("http", base("registry.example:5000", "registry.example").getScheme());
        assertEquals("http", base("registry.example:5000", "registry.example:5000").getScheme());
        assertEquals("https", base("registry.example:5000", "registry.example:5001").getScheme());
        assertEquals("http", base("10.1.2.3:5000", "10.0.0.0/8").getScheme());
        assertEquals("https", base("11.1.2.3:5000", "10.0.0.0/8").getScheme());
        assertEquals("https", base("registry.example", "10.0.0.0/8").getScheme());
        assertEquals("http", base("registry.example", "http://registry.example/").getScheme());
    }

    @Test
    void credentialsStayOnTheRegistrysOwnOrigin() throws Exception {
        RegistryEndpoint endpoint = RegistryEndpoint.of("127.0.0.1:5000", List.of());
        assertTrue(endpoint.isSameOrigin(URI.create("http://127.0.0.1:5000/v2/a/blobs/x")));
        assertFalse(endpoint.isSameOrigin(URI.create("http://localhost:5000/v2/")));
        assertFalse(endpoint.isSameOrigin(URI.create("http://127.0.0.1:5001/v2/")));
        assertFalse(endpoint.isSameOrigin(URI.create("https://127.0.0.1:5000/v2/")));
        RegistryEndpoint hub = RegistryEndpoint.of("docker.io", List.of());
        assertTrue(hub.isSameOrigin(URI.create("https://registry-1.docker.io:443/v2/")));
        assertFalse(hub.isSameOrigin(URI.create("https://production.cloudflare.docker.com/registry-v2/x")));
    }
}
