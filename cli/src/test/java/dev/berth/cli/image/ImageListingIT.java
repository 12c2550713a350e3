package dev.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** images, history, inspect, tag, rmi and image prune on Docker's own images, with Docker's output. */
class ImageListingIT {

    @TempDir
    Path dir;

    BerthHome berth;

    @BeforeEach
    void loadFixtures() {
        berth = new BerthHome(dir);
        assertEquals(0, berth.run("load", "-i", Fixtures.path("bb-docker-save.tar").toString()).code());
    }

    private CliRun ok(String... args) {
        CliRun run = berth.run(args);
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    @Test
    void imagesTableIsAlignedLikeDockers() {
        List<String> lines = ok("images").out().lines().toList();
        assertTrue(lines.get(0).matches("REPOSITORY   TAG       IMAGE ID       CREATED +SIZE"), lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).matches("bb {11}2 {9}cd7aea87cca1   .+ ago +1\\.98MB"), lines.get(1));
        assertTrue(lines.get(2).matches("bb {11}1 {9}0fd50f117b80   .+ ago +1\\.98MB"), lines.get(2));
    }

    @Test
    void quietNoTruncDigestsAndTemplates() {
        assertEquals("cd7aea87cca1\n0fd50f117b80\n", ok("images", "-q").out());
        assertTrue(ok("images", "--no-trunc", "-q").out().contains(ImageArchivesIT.BB1 + "\n"));
        assertTrue(ok("images", "--digests").out().startsWith("REPOSITORY   TAG       DIGEST    IMAGE ID"));
        assertEquals("bb:1 1.98MB\n", ok("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", "bb:1").out());
        assertEquals("IMAGE ID\ncd7aea87cca1\n0fd50f117b80\n", ok("images", "--format", "table {{.ID}}").out());
        String json = ok("images", "--format", "json", "bb:2").out();
        assertTrue(json.startsWith("{\"Containers\":\"N/A\",\"CreatedAt\":\"") && json.contains("\"ID\":\"cd7aea87cca1\"")
                && json.contains("\"Repository\":\"bb\"") && json.endsWith("}\n"), json);
    }

    @Test
    void filters() {
        ok("tag", "bb:1", "other/name:v1");
        assertEquals("other/name\n", ok("images", "--format", "{{.Repository}}", "--filter", "reference=other/*").out());
        assertEquals("", ok("images", "-q", "--filter", "dangling=true").out());
        assertEquals("cd7aea87cca1\n", ok("images", "-q", "--filter", "since=bb:1").out());
        assertEquals("0fd50f117b80\n0fd50f117b80\n", ok("images", "-q", "--filter", "before=bb:2").out());
        CliRun bad = berth.run("images", "--filter", "colour=blue");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid filter 'colour'"), bad.err());
    }

    @Test
    void aBadTemplateFailsBeforeAnyOutput() {
        CliRun run = berth.run("images", "--format", "{{.Nope}}");
        assertEquals(1, run.code(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().contains("can't evaluate field Nope"), run.err());
    }

    @Test
    void historyListsEveryStepWithLayerSizes() {
        List<String> lines = ok("history", "bb:2").out().lines().toList();
        assertEquals(7, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("IMAGE          CREATED"), lines.get(0));
        assertTrue(lines.get(1).startsWith("cd7aea87cca1   "), lines.get(1));
        assertTrue(lines.get(4).contains("/bin/sh -c echo hello > /greeting && rm /bin…") && lines.get(4).contains(" 8B "),
                lines.get(4));
        assertTrue(lines.get(6).startsWith("<missing>") && lines.get(6).contains("1.98MB"), lines.get(6));
        assertEquals("cd7aea87cca1\n<missing>\n<missing>\n<missing>\n<missing>\n<missing>\n", ok("history", "-q", "bb:2").out());
    }

    @Test
    void inspectShowsDockersShape() {
        String json = ok("image", "inspect", "bb:2").out();
        assertTrue(json.startsWith("[\n    {\n        \"Id\": \"" + ImageArchivesIT.BB2 + "\",\n        \"RepoTags\": [\n"
                + "            \"bb:2\"\n        ],"), json);
        for (String field : List.of("\"RepoDigests\": []", "\"Parent\": \"\"", "\"Created\": ", "\"Config\": {",
                "\"WorkingDir\": \"/data\"", "\"Architecture\": \"amd64\"", "\"Os\": \"linux\"", "\"Size\": ",
                "\"GraphDriver\": {", "\"Name\": \"overlay\"", "\"RootFS\": {", "\"Type\": \"layers\"")) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
        assertEquals("/data\n", ok("image", "inspect", "-f", "{{.Config.WorkingDir}}", "bb:2").out());
        assertEquals("2\n", ok("image", "inspect", "-f", "{{len .RootFS.Layers}}", "cd7a").out());
        CliRun missing = berth.run("image", "inspect", "bb:2", "nothere");
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("\"Id\""), "what was found is printed");
        assertTrue(missing.err().contains("No such image: nothere:latest"), missing.err());
    }

    @Test
    void rmiUntagsFirstAndDeletesWithTheLastName() {
        ok("tag", "bb:1", "again:1");
        assertEquals("Untagged: bb:1\n", ok("rmi", "bb:1").out());
        String out = ok("rmi", "again:1").out();
        assertEquals("Untagged: again:1\nDeleted: " + ImageArchivesIT.BB1 + "\n", out);
        assertEquals("cd7aea87cca1\n", ok("images", "-q").out(), "bb:2 and the shared base layer remain");
        String removeLast = ok("rmi", "bb:2").out();
        assertTrue(removeLast.startsWith("Untagged: bb:2\nDeleted: " + ImageArchivesIT.BB2 + "\nDeleted: sha256:"), removeLast);
        assertEquals(4, removeLast.lines().count(), "both layers went with the last image: " + removeLast);
    }

    @Test
    void rmiByIdRefusesSeveralRepositoriesUnlessForced() {
        ok("tag", "bb:1", "again:1");
        CliRun refused = berth.run("rmi", "0fd50f117b80");
        assertEquals(1, refused.code());
        assertEquals("Error: conflict: unable to delete 0fd50f117b80 (must be forced) - image is referenced in multiple"
                + " repositories\n", refused.err());
        String forced = ok("rmi", "-f", "0fd50f117b80").out();
        assertTrue(forced.contains("Untagged: again:1") && forced.contains("Untagged: bb:1")
                && forced.contains("Deleted: " + ImageArchivesIT.BB1), forced);
    }

    @Test
    void pruneRemovesDanglingImages() {
        ok("load", "-i", Fixtures.path("bb-oci.tar").toString()); // takes bb:2 from Docker's bb:2
        assertEquals("cd7aea87cca1\n", ok("images", "-q", "--filter", "dangling=true").out());
        CliRun prune = berth.runWithInput("y\n".getBytes(), "image", "prune");
        assertEquals(0, prune.code(), prune.toString());
        assertTrue(prune.out().startsWith("WARNING! This will remove all dangling images.\nAre you sure you want to"
                + " continue? [y/N] Deleted Images:\ndeleted: " + ImageArchivesIT.BB2 + "\n"), prune.out());
        assertTrue(prune.out().endsWith("Total reclaimed space: 0B\n"), "its layers are shared: " + prune.out());
        assertEquals("", ok("images", "-q", "--filter", "dangling=true").out());
        CliRun declined = berth.runWithInput("n\n".getBytes(), "image", "prune", "-a");
        assertTrue(declined.out().endsWith("[y/N] "), declined.out());
        assertEquals(2, ok("images", "-q").out().lines().count(), "nothing removed when declined");
    }
}
