package dev.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load, save and import against archives written by Docker and skopeo, and read back by skopeo. */
class ImageArchivesIT {

    static final String BB1 = "sha256:0fd50f117b80ead461d51904e51551aa847f968155ac0820ed15cc74ad4b751f";
    static final String BB2 = "sha256:cd7aea87cca11cf8ecb6f0997eb4c1c0ca34e6941063a307645e8d59d0403f3e";
    static final String BB2_OCI = "sha256:b371b3231fb3fc7f5b41f252213d894685913ae8578f260f8106b58521bada0f";
    static final String BASE_DIFF_ID = "a9389c5b10ab69a92e1e94973c34a543a65f6e05fe490dce2a92f99c37588d8f";
    static final String TOP_DIFF_ID = "bef164d0481e75bf1a59c7244ec96cf8f03ae604e08ac48eea45912c1434888a";

    @TempDir
    Path dir;

    BerthHome berth;

    @BeforeEach
    void home() {
        berth = new BerthHome(dir.resolve("home"));
    }

    @Test
    void loadsDockersLegacySaveWithDockersIdsAndTheBaseLayerOnce() throws Exception {
        CliRun load = berth.run("load", "-i", Fixtures.path("bb-docker-save.tar").toString());
        assertEquals(0, load.code(), load.toString());
        assertEquals("Loaded image: bb:1\nLoaded image: bb:2\n", load.out());
        assertEquals(List.of(BB1.substring(7) + ".json", BB2.substring(7) + ".json"), metaFiles());
        // Two layers in all: the base that both images share is stored once.
        assertEquals(2, layerRecords().size(), layerRecords().toString());
        assertTrue(layerRecords().contains(BASE_DIFF_ID + ".json"), "the base layer's chain ID is its diff ID");
    }

    @Test
    void loadsAnOciArchiveFromSkopeoWithPodmansId() throws Exception {
        CliRun load = berth.run("load", "-i", Fixtures.path("bb-oci.tar").toString());
        assertEquals(0, load.code(), load.toString());
        assertEquals("Loaded image: bb:2\n", load.out());
        assertEquals(List.of(BB2_OCI.substring(7) + ".json"), metaFiles());
    }

    @Test
    void loadsFromStandardInput() throws Exception {
        try (InputStream in = Files.newInputStream(Fixtures.path("bb-oci.tar"))) {
            CliRun load = berth.runWithInput(in, "load");
            assertEquals(0, load.code(), load.toString());
            assertEquals("Loaded image: bb:2\n", load.out());
        }
    }

    @Test
    void saveThenLoadKeepsIdsAndSkopeoReadsTheArchiveBothWays() throws Exception {
        assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-docker-save.tar").toString()).code());
        Path saved = dir.resolve("saved.tar");
        CliRun save = berth.run("save", "-o", saved.toString(), "bb:1", "bb:2");
        assertEquals(0, save.code(), save.toString());

        BerthHome other = new BerthHome(dir.resolve("other"));
        CliRun load = other.run("load", "-i", saved.toString());
        assertEquals(0, load.code(), load.toString());
        assertEquals("Loaded image: bb:1\nLoaded image: bb:2\n", load.out());
        assertEquals(metaFiles(), metaFiles(other));
        assertEquals(layerRecords(), layerRecords(other));

        String dockerArchive = skopeo("inspect", "docker-archive:" + saved + ":bb:2");
        assertTrue(dockerArchive.contains(BASE_DIFF_ID) && dockerArchive.contains(TOP_DIFF_ID), dockerArchive);
        String config = skopeo("inspect", "--config", "--raw", "docker-archive:" + saved + ":bb:1");
        assertTrue(config.contains("\"diff_ids\""), config);
        String ociArchive = skopeo("inspect", "oci-archive:" + saved + ":2");
        assertTrue(ociArchive.contains(TOP_DIFF_ID), ociArchive);
    }

    @Test
    void saveToStandardOutputWithOneImageIsReadableWithoutAName() throws Exception {
        assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-oci.tar").toString()).code());
        CliRun save = berth.run("save", "bb:2");
        assertEquals(0, save.code(), save.err());
        Path saved = Files.write(dir.resolve("stdout.tar"), save.outBytes());
        assertTrue(skopeo("inspect", "oci-archive:" + saved).contains(TOP_DIFF_ID));
        assertTrue(skopeo("inspect", "docker-archive:" + saved).contains(TOP_DIFF_ID));
    }

    @Test
    void savingByIdSavesNoName() throws Exception {
        assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-oci.tar").toString()).code());
        Path saved = dir.resolve("by-id.tar");
        assertEquals(0, berth.run("save", "-o", saved.toString(), "b371b323").code());
        BerthHome other = new BerthHome(dir.resolve("other"));
        CliRun load = other.run("load", "-i", saved.toString());
        assertEquals("Loaded image ID: " + BB2_OCI + "\n", load.out(), load.toString());
    }

    @Test
    void importMakesAOneLayerImageWithChanges() throws Exception {
        Path rootfs = Rootfs.busyboxTar(dir);
        CliRun imported = berth.run("import", "-c", "CMD [\"/bin/sh\"]", "-c", "ENV A=1 B=\"two words\"",
                "-c", "WORKDIR /tmp", "-m", "my rootfs", rootfs.toString(), "mine:v1");
        assertEquals(0, imported.code(), imported.toString());
        assertTrue(imported.out().matches("sha256:[a-f0-9]{64}\n"), imported.out());
        String id = imported.out().strip().substring(7);
        String config = Files.readString(berth.dataRoot().resolve("images/overlay/content/sha256/" + id));
        assertTrue(config.contains("\"Cmd\":[\"/bin/sh\"]"), config);
        assertTrue(config.contains("\"Env\":[\"A=1\",\"B=two words\"]"), config);
        assertTrue(config.contains("\"WorkingDir\":\"/tmp\""), config);
        assertTrue(config.contains("\"comment\":\"my rootfs\""), config);
        assertTrue(Files.readString(berth.dataRoot().resolve("images/overlay/references.json"))
                .contains("\"docker.io/library/mine:v1\":\"sha256:" + id + "\""));
    }

    @Test
    void importFromStandardInput() throws Exception {
        Path rootfs = Rootfs.busyboxTar(dir);
        try (InputStream in = Files.newInputStream(rootfs)) {
            CliRun imported = berth.runWithInput(in, "import", "-", "piped");
            assertEquals(0, imported.code(), imported.toString());
        }
    }

    private List<String> metaFiles() throws Exception {
        return metaFiles(berth);
    }

    private static List<String> metaFiles(BerthHome home) throws Exception {
        Path meta = home.dataRoot().resolve("images/overlay/meta/sha256");
        try (var files = Files.list(meta)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private TreeSet<String> layerRecords() throws Exception {
        return layerRecords(berth);
    }

    private static TreeSet<String> layerRecords(BerthHome home) throws Exception {
        TreeSet<String> records = new TreeSet<>();
        try (var files = Files.list(home.dataRoot().resolve("layers/overlay/sha256"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(records::add);
        }
        return records;
    }

    static String skopeo(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "skopeo " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}
