package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against Debian's docker-registry, holding an image that skopeo copied from a
 * {@code docker save} archive, through a proxy that injects the network's faults.
 */
class RegistryClientIT {

    /** Short waits, so that the faults cost the suite little time. */
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofSeconds(1));
    static final Digest BASE_BLOB = new Digest("79a68deb4cc78d4494959e94b7998044048e3f0b2db8b4d8fdb33578941ae72e");
    static final long BASE_SIZE = 1084126;
    static final String BASE_PATH = "/v2/ns/bb/blobs/" + BASE_BLOB;

    @TempDir
    static Path shared;
    static LocalRegistry registry;

    @TempDir
    Path dir;
    FaultProxy proxy;

    @BeforeAll
    static void registry() throws Exception {
        registry = LocalRegistry.start(shared.resolve("registry"));
        registry.copyIn("docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:2", "ns/bb:2");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @BeforeEach
    void proxy() throws Exception {
        proxy = new FaultProxy(registry.port());
    }

    @AfterEach
    void closeProxy() throws Exception {
        proxy.close();
    }

    RegistryClient client() throws BerthException {
        return new Registries(List.of(), new AuthFile(dir.resolve("auth.json"), List.of()), FAST)
                .client(ImageReference.parse(proxy.address() + "/ns/bb:2"), false, List.of());
    }

    static Descriptor base() {
        return new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, BASE_BLOB, BASE_SIZE, java.util.Optional.empty());
    }

    @Test
    void readsTheManifestAndDownloadsVerifiedBlobs() throws Exception {
        RegistryClient client = client();
        client.ping();
        ManifestDocument document = client.manifest("2");
        ImageManifest manifest = assertInstanceOf(ImageManifest.class, document.manifest());
        assertEquals(MediaTypes.DOCKER_MANIFEST, manifest.mediaType());
        assertEquals(List.of(BASE_BLOB.toString(), "sha256:b1ccf0c0ccc375b06a509f11f1c80f2763d957a60d25948dbb325a27384ab64d"),
                manifest.layers().stream().map(d -> d.digest().toString()).toList());
        byte[] config = client.blob(manifest.config(), MediaTypes.MAX_CONFIG_BYTES);
        assertEquals("sha256:cd7aea87cca11cf8ecb6f0997eb4c1c0ca34e6941063a307645e8d59d0403f3e", Digest.of(config).toString());
        Path file = dir.resolve("base");
        client.download(base(), file, Progress.Task.NONE);
        assertEquals(BASE_BLOB, Digest.of(Files.readAllBytes(file)));
        // By digest, the bytes must be the ones named.
        assertEquals(document.digest(), client.manifest(document.digest().toString()).digest());
    }

    @Test
    void aConnectionDroppedMidBlobIsResumedWithRange() throws Exception {
        proxy.on("GET", BASE_PATH, 1, Fault.dropAfter(300_000));
        Path file = dir.resolve("base");
        client().download(base(), file, Progress.Task.NONE);
        assertEquals(BASE_BLOB, Digest.of(Files.readAllBytes(file)));
        List<FaultProxy.Seen> gets = proxy.requests("GET", BASE_PATH);
        assertEquals(2, gets.size(), gets.toString());
        assertFalse(gets.get(0).header("Range").isPresent());
        assertEquals("bytes=300000-", gets.get(1).header("Range").orElseThrow());
    }

    @Test
    void aRegistryThatIgnoresRangeSendsTheWholeBlobAgain() throws Exception {
        proxy.on("GET", BASE_PATH, 1, Fault.dropAfter(300_000));
        proxy.on("GET", BASE_PATH, 1, Fault.stripRequestHeader("Range"));
        Path file = dir.resolve("base");
        client().download(base(), file, Progress.Task.NONE);
        assertEquals(BASE_BLOB, Digest.of(Files.readAllBytes(file)));
        assertEquals(2, proxy.requests("GET", BASE_PATH).size());
    }

    @Test
    void aStalledDownloadIsGivenUpAfterTheIdleTimeAndResumed() throws Exception {
        proxy.on("GET", BASE_PATH, 1, Fault.stallAfter(200_000));
        Path file = dir.resolve("base");
        long start = System.nanoTime();
        client().download(base(), file, Progress.Task.NONE);
        assertTrue(System.nanoTime() - start >= FAST.idleTimeout().toNanos(), "waited for the idle timeout");
        assertEquals(BASE_BLOB, Digest.of(Files.readAllBytes(file)));
        assertEquals("bytes=200000-", proxy.requests("GET", BASE_PATH).get(1).header("Range").orElseThrow());
    }

    @Test
    void aPartialFileFromAnEarlierProcessIsResumed() throws Exception {
        Path file = dir.resolve("base");
        client().download(base(), file, Progress.Task.NONE);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, 500_000));
        client().download(base(), file, Progress.Task.NONE);
        assertEquals(BASE_BLOB, Digest.of(Files.readAllBytes(file)));
        assertEquals("bytes=500000-", proxy.requests("GET", BASE_PATH).get(1).header("Range").orElseThrow());
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefusedAndDeletedWithoutRetry() throws Exception {
        proxy.on("GET", BASE_PATH, 10, Fault.corruptAt(1000));
        Path file = dir.resolve("base");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> client().download(base(), file, Progress.Task.NONE));
        assertTrue(e.getMessage().startsWith("blob " + BASE_BLOB + " from " + proxy.address()
                + " does not match its digest (the content hashes to sha256:"), e.getMessage());
        assertFalse(Files.exists(file));
        assertEquals(1, proxy.requests("GET", BASE_PATH).size());
    }

    @Test
    void fiveHundredsAreRetried() throws Exception {
        proxy.on("GET", "/manifests/2$", 2, Fault.respond(500, Map.of(), new byte[0]));
        assertInstanceOf(ImageManifest.class, client().manifest("2").manifest());
        assertEquals(3, proxy.requests("GET", "/manifests/2$").size());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        proxy.on("GET", BASE_PATH, 1, Fault.respond(429, Map.of("Retry-After", "1"), new byte[0]));
        long start = System.nanoTime();
        client().download(base(), dir.resolve("base"), Progress.Task.NONE);
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "honoured Retry-After: 1");
        assertEquals(2, proxy.requests("GET", BASE_PATH).size());
    }

    @Test
    void aRegistryThatKeepsFailingGivesItsReasonAfterTheLastTry() throws Exception {
        proxy.on("GET", "/manifests/2$", 10, Fault.respond(503, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}".getBytes(StandardCharsets.UTF_8)));
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> client().manifest("2"));
        assertEquals("cannot get the manifest of " + proxy.address() + "/ns/bb:2 from " + proxy.address()
                + ": 503 Service Unavailable: unavailable: maintenance", e.getMessage());
        assertEquals(FAST.attempts(), proxy.requests("GET", "/manifests/2$").size());
    }

    @Test
    void anUnknownTagIsNotFoundInTheRegistrysWords() throws Exception {
        NotFoundException e = assertThrows(NotFoundException.class, () -> client().manifest("nope"));
        assertEquals("manifest for " + proxy.address() + "/ns/bb:nope not found: manifest unknown: manifest unknown",
                e.getMessage());
    }

    @Test
    void forbiddenIsPullAccessDenied() throws Exception {
        proxy.on("GET", "/manifests/2$", 1, Fault.respond(403, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().manifest("2"));
        assertEquals("pull access denied for " + proxy.address() + "/ns/bb, repository does not exist or may require "
                + "'berth login': denied: requested access to the resource is denied", e.getMessage());
    }

    @Test
    void aMalformedManifestIsRefused() throws Exception {
        proxy.on("GET", "/manifests/2$", 1, Fault.respond(200, Map.of("Content-Type", MediaTypes.DOCKER_MANIFEST),
                "{\"schemaVersion\": 2, \"layers\": [".getBytes(StandardCharsets.UTF_8)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().manifest("2"));
        assertTrue(e.getMessage().startsWith("the manifest of " + proxy.address() + "/ns/bb:2 is not valid JSON"),
                e.getMessage());
    }

    @Test
    void anOversizedManifestIsRefusedWithoutReadingItAll() throws Exception {
        byte[] huge = new byte[5 << 20];
        java.util.Arrays.fill(huge, (byte) ' ');
        proxy.on("GET", "/manifests/2$", 1, Fault.respond(200, Map.of("Content-Type", MediaTypes.DOCKER_MANIFEST), huge));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().manifest("2"));
        assertEquals("the manifest of " + proxy.address() + "/ns/bb:2 is larger than 4 MB: berth refuses it",
                e.getMessage());
        assertEquals(1, proxy.requests("GET", "/manifests/2$").size());
    }

    @Test
    void aManifestThatIsNotTheDigestAskedForIsRefused() throws Exception {
        String other = "sha256:" + "0".repeat(64);
        proxy.on("GET", "/manifests/" + other, 1, Fault.respond(200, Map.of("Content-Type", MediaTypes.DOCKER_MANIFEST),
                "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}".getBytes(StandardCharsets.UTF_8)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().manifest(other));
        assertTrue(e.getMessage().contains("it is not the one asked for"), e.getMessage());
    }

    @Test
    void aFailedUploadIsStartedOver() throws Exception {
        RegistryClient client = new Registries(List.of(), new AuthFile(dir.resolve("auth.json"), List.of()), FAST)
                .client(ImageReference.parse(proxy.address() + "/ns/up:1"), true, List.of());
        proxy.on("PATCH", "/v2/ns/up/blobs/uploads/", 1, Fault.respond(500, Map.of(), new byte[0]));
        byte[] content = "some layer content".repeat(1000).getBytes(StandardCharsets.UTF_8);
        PushedBlob pushed = client.upload(out -> {
            try {
                out.write(content);
            } catch (java.io.IOException e) {
                throw new EngineFailureException(e.getMessage(), e);
            }
        }, content.length, Progress.Task.NONE);
        assertEquals(2, proxy.requests("POST", "/v2/ns/up/blobs/uploads/").size());
        Path file = dir.resolve("uploaded");
        client.download(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, pushed.digest(), pushed.size(),
                java.util.Optional.empty()), file, Progress.Task.NONE);
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            assertEquals(new String(content, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
