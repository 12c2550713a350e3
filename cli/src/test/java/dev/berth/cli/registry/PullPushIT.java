package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.image.MediaTypes;
import dev.berth.core.image.Platform;
import dev.berth.core.model.Json;
import dev.berth.core.testing.Commands;
import dev.berth.core.testing.FaultProxy;
import dev.berth.core.testing.Fixtures;
import dev.berth.core.testing.LocalRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull and push against Debian's docker-registry: images skopeo put there (bytes berth did not write) are
 * pulled with Docker's IDs and output; what berth pushes, skopeo reads, and berth pulls back unchanged.
 */
class PullPushIT {

    static final String BB1 = "sha256:0fd50f117b80ead461d51904e51551aa847f968155ac0820ed15cc74ad4b751f";
    static final String BB2 = "sha256:cd7aea87cca11cf8ecb6f0997eb4c1c0ca34e6941063a307645e8d59d0403f3e";
    static final String BASE_BLOB = "79a68deb4cc7";
    static final String TOP_BLOB = "b1ccf0c0ccc3";

    @TempDir
    static Path shared;
    static LocalRegistry registry;
    static String host;

    @TempDir
    Path dir;

    @BeforeAll
    static void registry() throws Exception {
        registry = LocalRegistry.start(shared.resolve("registry"));
        host = registry.address();
        String archive = "docker-archive:" + Fixtures.path("bb-docker-save.tar");
        registry.copyIn(archive + ":bb:2", "ns/bb:2");
        registry.copyIn(archive + ":bb:1", "ns/bb1:1");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    BerthHome home(String name) {
        return new BerthHome(dir.resolve(name));
    }

    @Test
    void pullsWithDockersOutputAndIdsAndRecordsTheRepoDigest() throws Exception {
        BerthHome berth = home("a");
        CliRun pull = berth.run("pull", host + "/ns/bb:2");
        assertEquals(0, pull.code(), pull.toString());
        String digest = skopeoDigest("ns/bb:2");
        List<String> lines = pull.out().lines().toList();
        assertEquals("2: Pulling from ns/bb", lines.get(0));
        for (String blob : List.of(BASE_BLOB, TOP_BLOB)) {
            assertEquals(List.of("Pulling fs layer", "Verifying Checksum", "Download complete", "Pull complete"),
                    lines.stream().filter(l -> l.startsWith(blob + ": ")).map(l -> l.substring(14)).toList(), pull.out());
        }
        assertEquals(List.of("Digest: " + digest, "Status: Downloaded newer image for " + host + "/ns/bb:2",
                host + "/ns/bb:2"), lines.subList(lines.size() - 3, lines.size()));
        assertEquals(BB2, references(berth).path(host + "/ns/bb:2").asText());
        assertEquals(BB2, references(berth).path(host + "/ns/bb@" + digest).asText());
        assertTrue(Files.exists(berth.dataRoot().resolve("images/overlay/meta/sha256/" + BB2.substring(7) + ".json")));

        CliRun again = berth.run("pull", host + "/ns/bb:2");
        assertEquals("2: Pulling from ns/bb\nDigest: " + digest + "\nStatus: Image is up to date for " + host
                + "/ns/bb:2\n" + host + "/ns/bb:2\n", again.out());
        CliRun quiet = berth.run("pull", "-q", host + "/ns/bb:2");
        assertEquals(host + "/ns/bb:2\n", quiet.out());
        try (var files = Files.list(berth.dataRoot().resolve("tmp/pull"))) {
            assertEquals(List.of(), files.toList(), "the downloads of a pull that succeeded are gone");
        }
    }

    @Test
    void onATerminalLayerLinesAreRedrawnInPlace() throws Exception {
        CliRun pull = home("t").runOnTerminal("pull", host + "/ns/bb:2");
        assertEquals(0, pull.code(), pull.toString());
        assertTrue(pull.out().startsWith("2: Pulling from ns/bb\n" + BASE_BLOB + ": Pulling fs layer\n"), pull.out());
        assertTrue(pull.out().contains("\u001b[2K" + BASE_BLOB + ": Pull complete"), pull.out());
        assertTrue(pull.out().endsWith("Status: Downloaded newer image for " + host + "/ns/bb:2\n" + host + "/ns/bb:2\n"),
                pull.out());
    }

    @Test
    void layersAlreadyStoredAreNotDownloaded() throws Exception {
        BerthHome berth = home("b");
        assertEquals(0, berth.run("pull", "-q", host + "/ns/bb1:1").code());
        CliRun pull = berth.run("pull", host + "/ns/bb:2");
        assertEquals(0, pull.code(), pull.toString());
        List<String> lines = pull.out().lines().toList();
        assertEquals(BASE_BLOB + ": Already exists", lines.get(1), pull.out());
        assertTrue(lines.contains(TOP_BLOB + ": Pull complete"), pull.out());
        assertEquals(BB1, references(berth).path(host + "/ns/bb1:1").asText());
    }

    @Test
    void pullByDigestAndDefaultTag() throws Exception {
        BerthHome berth = home("c");
        String digest = skopeoDigest("ns/bb:2");
        CliRun pull = berth.run("pull", host + "/ns/bb@" + digest);
        assertEquals(0, pull.code(), pull.toString());
        assertTrue(pull.out().startsWith(digest + ": Pulling from ns/bb\n"), pull.out());
        assertTrue(pull.out().endsWith("Status: Downloaded newer image for " + host + "/ns/bb@" + digest + "\n"
                + host + "/ns/bb@" + digest + "\n"), pull.out());
        CliRun both = berth.run("pull", host + "/ns/bb:2@" + digest);
        assertTrue(both.out().endsWith("Status: Image is up to date for " + host + "/ns/bb@" + digest + "\n"
                + host + "/ns/bb@" + digest + "\n"), "a tag beside a digest is dropped: " + both.out());
        CliRun latest = berth.run("pull", host + "/ns/bb");
        assertEquals(1, latest.code(), latest.toString());
        assertTrue(latest.out().startsWith("Using default tag: latest\nlatest: Pulling from ns/bb\n"), latest.out());
        assertEquals("Error: manifest for " + host + "/ns/bb:latest not found: manifest unknown: manifest unknown\n",
                latest.err());
    }

    @Test
    void theHostsPlatformOrTheRequestedOneIsChosenFromAnIndex() throws Exception {
        registry.copyIn("docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:1", "ns/multi:one");
        registry.copyIn("docker-archive:" + Fixtures.path("bb-docker-save.tar") + ":bb:2", "ns/multi:two");
        Platform hostPlatform = Platform.host();
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
                + entry("ns/multi:one", "{\"architecture\":\"fakearch\",\"os\":\"linux\"}") + ","
                + entry("ns/multi:two", "{\"architecture\":\"" + hostPlatform.architecture() + "\",\"os\":\"linux\""
                + hostPlatform.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse("") + "}") + "]}";
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host
                        + "/v2/ns/multi/manifests/latest")).header("Content-Type", MediaTypes.DOCKER_MANIFEST_LIST)
                .PUT(HttpRequest.BodyPublishers.ofString(list)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());

        BerthHome native_ = home("d");
        assertEquals(0, native_.run("pull", "-q", host + "/ns/multi").code());
        assertEquals(BB2, references(native_).path(host + "/ns/multi:latest").asText());
        BerthHome fake = home("e");
        CliRun pull = fake.run("pull", "--platform", "linux/fakearch", host + "/ns/multi");
        assertEquals(0, pull.code(), pull.toString());
        assertEquals(BB1, references(fake).path(host + "/ns/multi:latest").asText());
        assertTrue(pull.out().contains("Digest: " + skopeoDigestRaw("ns/multi:latest")), "the index's digest");
        CliRun none = home("f").run("pull", "--platform", "linux/s390x", host + "/ns/multi");
        assertEquals(1, none.code(), none.toString());
        assertEquals("Error: no matching manifest for linux/s390x in the manifest list entries of " + host
                + "/ns/multi:latest\n", none.err());
    }

    @Test
    void pushWritesWhatSkopeoReadsAndAPullGivesTheSameImageBack() throws Exception {
        BerthHome berth = home("g");
        assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-docker-save.tar").toString()).code());
        assertEquals(0, berth.run("tag", "bb:2", host + "/pushed/bb:v2").code());
        CliRun push = berth.run("push", host + "/pushed/bb:v2");
        assertEquals(0, push.code(), push.toString());
        List<String> lines = push.out().lines().toList();
        assertEquals(List.of("The push refers to repository [" + host + "/pushed/bb]", "bef164d0481e: Preparing",
                "a9389c5b10ab: Preparing"), lines.subList(0, 3));
        assertEquals(List.of("a9389c5b10ab: Pushed", "bef164d0481e: Pushed"), lines.subList(3, 5).stream().sorted().toList());
        String digest = skopeoDigest("pushed/bb:v2");
        byte[] manifest = Commands.run("skopeo", "inspect", "--raw", "--tls-verify=false",
                "docker://" + host + "/pushed/bb:v2").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("v2: digest: " + digest + " size: " + manifest.length, lines.get(5));
        assertEquals(BB2, references(berth).path(host + "/pushed/bb@" + digest).asText());

        BerthHome other = home("h");
        CliRun pull = other.run("pull", host + "/pushed/bb:v2");
        assertEquals(0, pull.code(), pull.toString());
        assertTrue(pull.out().contains("Digest: " + digest + "\n"), pull.out());
        assertEquals(BB2, references(other).path(host + "/pushed/bb:v2").asText(), "the same image ID");

        CliRun again = berth.run("push", host + "/pushed/bb:v2");
        assertEquals(List.of("a9389c5b10ab: Layer already exists", "bef164d0481e: Layer already exists"),
                again.out().lines().filter(l -> l.contains("exists")).sorted().toList(), again.out());
        assertTrue(again.out().endsWith("v2: digest: " + digest + " size: " + manifest.length + "\n"), again.out());

        assertEquals(0, berth.run("tag", "bb:1", host + "/elsewhere/bb:1").code());
        CliRun mounted = berth.run("push", host + "/elsewhere/bb:1");
        assertEquals(0, mounted.code(), mounted.toString());
        assertTrue(mounted.out().contains("a9389c5b10ab: Mounted from pushed/bb\n"), mounted.out());
        BerthHome third = home("i");
        assertEquals(0, third.run("pull", "-q", host + "/elsewhere/bb:1").code());
        assertEquals(BB1, references(third).path(host + "/elsewhere/bb:1").asText());
    }

    @Test
    void pushingAnUnknownImageSaysSo() throws Exception {
        CliRun push = home("j").run("push", host + "/nothing/here");
        assertEquals(1, push.code(), push.toString());
        assertEquals("Using default tag: latest\nThe push refers to repository [" + host + "/nothing/here]\n", push.out());
        assertEquals("Error: An image does not exist locally with the tag: " + host + "/nothing/here\n", push.err());
    }

    @Test
    void aBlobThatDoesNotMatchStoresNothing() throws Exception {
        BerthHome berth = home("k");
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            // The top layer's blob: the base layer is stored by then, and must go again.
            proxy.on("GET", "/blobs/sha256:" + TOP_BLOB, 10, FaultProxy.Fault.corruptAt(100));
            CliRun pull = berth.run("pull", proxy.address() + "/ns/bb:2");
            assertEquals(1, pull.code(), pull.toString());
            assertTrue(pull.err().startsWith("Error: blob sha256:" + TOP_BLOB), pull.err());
            assertTrue(pull.err().contains("does not match its digest"), pull.err());
        }
        assertEquals(List.of(), berth.storeFiles().stream().filter(f -> f.startsWith("images/") || f.startsWith("layers/"))
                .filter(f -> !f.endsWith("references.json")).toList());
    }

    private static String entry(String reference, String platform) throws Exception {
        String manifest = Commands.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + host + "/" + reference);
        return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + dev.berth.core.model.Digest.of(
                manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\",\"size\":" + manifest.length()
                + ",\"platform\":" + platform + "}";
    }

    private static String skopeoDigest(String reference) throws Exception {
        return Json.read(Commands.run("skopeo", "inspect", "--tls-verify=false", "docker://" + host + "/" + reference)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("Digest").asText();
    }

    private static String skopeoDigestRaw(String reference) throws Exception {
        return dev.berth.core.model.Digest.of(Commands.run("skopeo", "inspect", "--raw", "--tls-verify=false",
                "docker://" + host + "/" + reference).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode references(BerthHome berth) throws Exception {
        return Json.read(Files.readAllBytes(berth.dataRoot().resolve("images/overlay/references.json")));
    }

    @Test
    void runAndCreatePullAMissingImageAndReportOnStandardError() throws Exception {
        BerthHome berth = home("r");
        String image = host + "/ns/bb:2";
        CliRun run = berth.run("run", "--rm", image, "cat", "/greeting");
        assertEquals(0, run.code(), run.toString());
        assertEquals("hello\n", run.out(), "standard output is the container's alone");
        assertTrue(run.err().startsWith("Unable to find image '" + image + "' locally\n2: Pulling from ns/bb\n"), run.err());
        assertTrue(run.err().contains("Status: Downloaded newer image for " + image + "\n"), run.err());

        CliRun again = berth.run("run", "--rm", image, "true");
        assertEquals("", again.err(), "the image is here now: nothing is pulled");
        CliRun always = berth.run("create", "--pull", "always", image);
        assertEquals(0, always.code(), always.toString());
        assertTrue(always.err().contains("Status: Image is up to date for " + image + "\n"), always.err());
        assertTrue(always.out().matches("[0-9a-f]{64}\n"), always.out());

        CliRun never = berth.run("run", "--pull", "never", host + "/ns/bb1:1", "true");
        assertEquals(125, never.code(), never.toString());
        assertEquals("Error: No such image: " + host + "/ns/bb1:1\n", never.err());
        CliRun unknown = berth.run("run", "--rm", host + "/ns/nosuch:1", "true");
        assertEquals(125, unknown.code(), unknown.toString());
        assertTrue(unknown.err().startsWith("Unable to find image '" + host + "/ns/nosuch:1' locally\n"), unknown.err());
        CliRun bad = berth.run("run", "--pull", "sometimes", image, "true");
        assertEquals(125, bad.code(), bad.toString());
        assertTrue(bad.err().contains("invalid pull option: 'sometimes'"), bad.err());
    }
}
