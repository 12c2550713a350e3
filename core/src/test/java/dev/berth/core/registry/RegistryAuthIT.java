package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.image.Descriptor;
import dev.berth.core.image.ImageManifest;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.MediaTypes;
import dev.berth.core.model.Digest;
import dev.berth.core.testing.FaultProxy;
import dev.berth.core.testing.FaultProxy.Fault;
import dev.berth.core.testing.Fixtures;
import dev.berth.core.testing.LocalRegistry;
import dev.berth.core.testing.TokenServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic and bearer-token authentication against the real registry, and redirects that must not carry it. */
class RegistryAuthIT {

    static final String USER = "berth";
    static final String PASSWORD = "s3cret pass";
    static final String BB2 = "docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:2";

    @TempDir
    Path dir;

    Registries registries(Optional<String> loggedInTo) throws BerthException {
        AuthFile auth = new AuthFile(dir.resolve("auth.json"), List.of());
        if (loggedInTo.isPresent()) {
            auth.store(loggedInTo.get(), new Credentials(USER, PASSWORD));
        }
        return new Registries(List.of(), auth, RegistryClientIT.FAST);
    }

    @Test
    void basicAuthUsesTheStoredCredentialsAndRefusesWithoutThem() throws Exception {
        try (LocalRegistry registry = LocalRegistry.withHtpasswd(dir.resolve("registry"), USER, PASSWORD)) {
            registry.copyIn(BB2, "ns/bb:2", USER + ":" + PASSWORD);
            ImageReference name = ImageReference.parse(registry.address() + "/ns/bb:2");
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> registries(Optional.empty()).client(name, false, List.of()).ping());
            assertEquals(registry.address() + " refused access without credentials: unauthorized: authentication "
                    + "required; log in with 'berth login " + registry.address() + "'", refused.getMessage());

            RegistryClient client = registries(Optional.of(registry.address())).client(name, false, List.of());
            client.ping();
            assertTrue(client.manifest("2").manifest() instanceof ImageManifest);

            InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> new Registries(List.of(),
                    new AuthFile(dir.resolve("none.json"), List.of()), RegistryClientIT.FAST)
                    .verify(registry.address(), new Credentials(USER, "wrong")));
            assertEquals(registry.address() + " refused the credentials of berth: unauthorized: authentication "
                    + "required; check them with 'berth login " + registry.address() + "'", wrong.getMessage());
            registries(Optional.empty()).verify(registry.address(), new Credentials(USER, PASSWORD));
        }
    }

    @Test
    void anonymousTokenIsFetchedOncePerScopeAndVerifiedByTheRegistry() throws Exception {
        try (TokenServer tokens = TokenServer.start(dir.resolve("tokens")).withUser(USER, PASSWORD);
             LocalRegistry registry = LocalRegistry.withTokens(dir.resolve("registry"), tokens)) {
            registry.copyIn(BB2, "ns/bb:2", USER + ":" + PASSWORD);
            int before = tokens.requests().size();
            RegistryClient client = registries(Optional.empty())
                    .client(ImageReference.parse(registry.address() + "/ns/bb:2"), false, List.of());
            pullEverything(client);
            List<String> requests = tokens.requests().subList(before, tokens.requests().size());
            assertEquals(List.of("service=" + TokenServer.SERVICE + "&scope=repository%3Ans%2Fbb%3Apull"), requests);
        }
    }

    @Test
    void accessTokenIsReadToo() throws Exception {
        try (TokenServer tokens = TokenServer.start(dir.resolve("tokens")).withUser(USER, PASSWORD);
             LocalRegistry registry = LocalRegistry.withTokens(dir.resolve("registry"), tokens)) {
            registry.copyIn(BB2, "ns/bb:2", USER + ":" + PASSWORD);
            tokens.answeringAccessToken();
            pullEverything(registries(Optional.empty())
                    .client(ImageReference.parse(registry.address() + "/ns/bb:2"), false, List.of()));
        }
    }

    @Test
    void pushNeedsATokenWithCredentials() throws Exception {
        try (TokenServer tokens = TokenServer.start(dir.resolve("tokens")).withUser(USER, PASSWORD);
             LocalRegistry registry = LocalRegistry.withTokens(dir.resolve("registry"), tokens)) {
            ImageReference name = ImageReference.parse(registry.address() + "/ns/pushed:1");
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            InvalidInputException anonymous = assertThrows(InvalidInputException.class, () -> {
                RegistryClient client = registries(Optional.empty()).client(name, true, List.of());
                client.ping();
                client.upload(Digest.of(config), config);
            });
            assertTrue(anonymous.getMessage().startsWith("push access to " + registry.address()
                    + "/ns/pushed denied: unauthorized: authentication required"), anonymous.getMessage());

            RegistryClient client = registries(Optional.of(registry.address())).client(name, true, List.of());
            client.ping();
            client.upload(Digest.of(config), config);
            assertEquals(Optional.of(2L), client.blobSize(Digest.of(config)));
            assertTrue(tokens.requests().stream().anyMatch(q -> q.endsWith("scope=repository%3Ans%2Fpushed%3Apull%2Cpush")));

            InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> new Registries(List.of(),
                    new AuthFile(dir.resolve("none.json"), List.of()), RegistryClientIT.FAST)
                    .verify(registry.address(), new Credentials(USER, "wrong")));
            assertEquals(registry.address() + " refused the credentials of berth (incorrect username or password); "
                    + "check them with 'berth login " + registry.address() + "'", wrong.getMessage());
        }
    }

    @Test
    void aRedirectToAnotherHostCarriesNoAuthorization() throws Exception {
        List<String> cdnAuthorization = Collections.synchronizedList(new ArrayList<>());
        try (LocalRegistry registry = LocalRegistry.withHtpasswd(dir.resolve("registry"), USER, PASSWORD);
             FaultProxy proxy = new FaultProxy(registry.port())) {
            registry.copyIn(BB2, "ns/bb:2", USER + ":" + PASSWORD);
            // A "CDN" on another host name and port, serving blobs it fetches from the registry with its own access.
            HttpServer cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            cdn.createContext("/cdn/", exchange -> {
                cdnAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                String digest = exchange.getRequestURI().getPath().substring("/cdn/".length());
                try (InputStream blob = fetch(registry, digest)) {
                    byte[] bytes = blob.readAllBytes();
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            cdn.start();
            try {
                String path = "/v2/ns/bb/blobs/" + RegistryClientIT.BASE_BLOB;
                proxy.on("GET", path, 1, Fault.respond(307, Map.of("Location",
                        "http://localhost:" + cdn.getAddress().getPort() + "/cdn/" + RegistryClientIT.BASE_BLOB), new byte[0]));
                RegistryClient client = registries(Optional.of(proxy.address()))
                        .client(ImageReference.parse(proxy.address() + "/ns/bb:2"), false, List.of());
                client.ping();
                Path file = dir.resolve("base");
                client.download(RegistryClientIT.base(), file, Progress.Task.NONE);
                assertEquals(RegistryClientIT.BASE_BLOB, Digest.of(Files.readAllBytes(file)));
                assertTrue(proxy.requests("GET", path).get(0).header("Authorization").orElse("").startsWith("Basic "),
                        "the registry itself got the credentials");
                assertEquals(List.of("null"), cdnAuthorization, "the other host got no Authorization");
            } finally {
                cdn.stop(0);
            }
        }
    }

    private static void pullEverything(RegistryClient client) throws Exception {
        client.ping();
        ImageManifest manifest = (ImageManifest) client.manifest("2").manifest();
        client.blob(manifest.config(), MediaTypes.MAX_CONFIG_BYTES);
        for (Descriptor layer : manifest.layers()) {
            Path file = Files.createTempFile("blob", ".partial");
            try {
                client.download(layer, file, Progress.Task.NONE);
                assertEquals(layer.digest(), Digest.of(Files.readAllBytes(file)));
            } finally {
                Files.delete(file);
            }
        }
        assertFalse(manifest.layers().isEmpty());
    }

    private static InputStream fetch(LocalRegistry registry, String digest) throws java.io.IOException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry.address()
                    + "/v2/ns/bb/blobs/" + digest)).header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body();
        } catch (InterruptedException e) {
            throw new java.io.IOException(e);
        }
    }
}
