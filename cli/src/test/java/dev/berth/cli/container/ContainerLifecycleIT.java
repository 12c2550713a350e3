package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.cli.image.Rootfs;
import dev.berth.core.testing.Fixtures;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's container lifecycle through the command line, on real namespaces, cgroups and layers. Runs once
 * with overlay and once with vfs ({@link VfsContainerLifecycleIT}).
 */
class ContainerLifecycleIT {

    @TempDir
    Path dir;

    BerthHome berth;

    /** The storage driver under test. */
    String driver() {
        return "overlay";
    }

    @BeforeEach
    void images() throws Exception {
        berth = new BerthHome(dir).with("BERTH_STORAGE_DRIVER", driver());
        ok("import", Rootfs.busyboxTar(dir).toString(), "bb:1");
        ok("load", "-i", Fixtures.path("bb-docker-save.tar").toString());
        ok("tag", "bb:1", "bb:1"); // the import's bb:1 wins back its name from Docker's
    }

    @AfterEach
    void removeEverything() {
        CliRun all = berth.run("ps", "-aq");
        for (String id : all.out().lines().toList()) {
            berth.run("rm", "-f", id);
        }
    }

    CliRun ok(String... args) {
        CliRun run = berth.run(args);
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    @Test
    void theCommandIsPid1AndItsExitCodeIsRuns() {
        CliRun pid = berth.run("run", "--rm", "bb:1", "sh", "-c", "echo $$");
        assertEquals(0, pid.code(), pid.toString());
        assertEquals("1\n", pid.out());
        assertEquals(3, berth.run("run", "--rm", "bb:1", "sh", "-c", "exit 3").code());
        CliRun ps = ok("run", "--rm", "bb:1", "ps", "-o", "pid,comm");
        assertEquals(List.of("PID   COMMAND", "    1 ps"), ps.out().lines().toList(), "only the container's processes");
    }

    @Test
    void exitCodesOfBerthAndOfTheCommandAreDockers() {
        CliRun notFound = berth.run("run", "--rm", "bb:1", "nosuchcommand");
        assertEquals(127, notFound.code(), notFound.toString());
        assertTrue(notFound.err().contains("nosuchcommand"), notFound.err());
        CliRun notExecutable = berth.run("run", "--rm", "bb:1", "/etc/passwd");
        assertEquals(126, notExecutable.code(), notExecutable.toString());
        CliRun noImage = berth.run("run", "--rm", "--pull", "never", "nothere:1", "true");
        assertEquals(125, noImage.code(), noImage.toString());
        assertTrue(noImage.err().contains("No such image: nothere:1"), noImage.err());
        CliRun badFlag = berth.run("run", "--bogus", "bb:1", "true");
        assertEquals(125, badFlag.code(), badFlag.toString());
        // 128+N for a command killed by signal N (PID 1 itself cannot be killed from inside: its child is).
        CliRun killed = berth.run("run", "--rm", "bb:1", "sh", "-c", "sleep 60 & kill -9 $!; wait $!; exit $?");
        assertEquals(137, killed.code(), killed.toString());
        assertEquals("", ok("ps", "-aq").out(), "--rm removed every one of them");
    }

    @Test
    void optionsStopAtTheImage() {
        CliRun ls = ok("run", "--rm", "bb:1", "ls", "-la", "/bin/busybox");
        assertTrue(ls.out().contains("-rwx"), ls.out());
    }

    @Test
    void theImagesConfigAndTheFlagsMerge() throws Exception {
        assertEquals("hello\n", ok("run", "--rm", "bb:2").out(), "bb:2's CMD is cat /greeting");
        CliRun env = ok("run", "--rm", "-e", "MINE=1", "bb:2", "sh", "-c", "echo $FOO $MINE; pwd; ls /bin/wc || true");
        assertEquals("bar 1\n/data\n", env.out(), env.toString());
        Path file = Files.writeString(dir.resolve("env.list"), "# comment\nFROM_FILE=yes\nFOO=overridden\n");
        CliRun envFile = ok("run", "--rm", "--env-file", file.toString(), "-w", "/tmp", "-u", "65534", "bb:2",
                "sh", "-c", "echo $FROM_FILE $FOO; pwd; id -u");
        assertEquals("yes overridden\n/tmp\n65534\n", envFile.out(), envFile.toString());
        CliRun entrypoint = ok("run", "--rm", "--entrypoint", "echo", "bb:1", "via", "entrypoint");
        assertEquals("via entrypoint\n", entrypoint.out());
        CliRun host = ok("run", "--rm", "--hostname", "box", "bb:1", "hostname");
        assertEquals("box\n", host.out());
    }

    @Test
    void theDetachedLifecycleWithDockersStatesAndWording() {
        String id = ok("run", "-d", "--name", "web", "bb:1", "sleep", "600").out().strip();
        assertTrue(id.matches("[a-f0-9]{64}"), id);
        assertTrue(ok("ps").out().lines().anyMatch(l -> l.startsWith(id.substring(0, 12)) && l.contains("Up ")
                && l.endsWith("web")), ok("ps").out());
        assertEquals("web\n", ok("pause", "web").out());
        assertTrue(ok("ps", "--format", "{{.Status}}").out().matches("Up .* \\(Paused\\)\n"), ok("ps").out());
        CliRun again = berth.run("pause", "web");
        assertEquals(1, again.code());
        assertEquals("Error: container " + id + " is already paused\n", again.err());
        ok("unpause", "web");
        assertEquals("running\n", ok("inspect", "-f", "{{.State.Status}}", "web").out());
        CliRun refuse = berth.run("rm", "web");
        assertEquals(1, refuse.code());
        assertEquals("Error: cannot remove container \"/web\": container is running: stop the container before "
                + "removing or force remove\n", refuse.err());
        ok("stop", "-t", "1", "web");
        String status = ok("ps", "-a", "--format", "{{.Status}}").out();
        assertTrue(status.matches("Exited \\(137\\) .* ago\n"), status);
        CliRun notRunning = berth.run("pause", "web");
        assertEquals("Error: container " + id + " is not running\n", notRunning.err());
        ok("start", "web");
        assertEquals("running\n", ok("inspect", "-f", "{{.State.Status}}", id.substring(0, 5)).out());
        ok("restart", "-t", "1", "web");
        assertEquals("running\n", ok("inspect", "-f", "{{.State.Status}}", "web").out());
        ok("kill", "web");
        assertEquals("exited 137\n", ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "web").out());
        ok("rm", "web");
        assertEquals("", ok("ps", "-aq").out());
    }

    @Test
    void createStartAndWait() {
        String id = ok("create", "--name", "job", "bb:1", "sh", "-c", "echo out; echo err >&2; exit 7").out().strip();
        assertEquals("Created\n", ok("ps", "-a", "--format", "{{.Status}}").out());
        assertEquals("created\n", ok("inspect", "-f", "{{.State.Status}}", "job").out());
        ok("start", "job");
        assertEquals("7\n", ok("wait", "job").out());
        CliRun logs = ok("logs", "job");
        assertEquals("out\n", logs.out(), () -> logs + "\n" + ok("inspect", "job").out());
        assertEquals("err\n", logs.err());
        assertTrue(ok("logs", "-t", "job").out().matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z out\n"));
        CliRun attached = berth.run("start", "-a", id);
        assertEquals(7, attached.code(), attached.toString());
        assertEquals("out\n", attached.out());
        assertEquals("out\nout\n", ok("logs", "job").out(), "the log keeps both runs");
        CliRun tail = ok("logs", "--tail", "1", "job");
        assertEquals("", tail.out(), "the last line of both streams is stderr's");
        assertEquals("err\n", tail.err());
    }

    @Test
    void namesAndIdPrefixes() {
        String generated = ok("create", "bb:1", "true").out().strip();
        String name = ok("inspect", "-f", "{{.Name}}", generated).out().strip();
        assertTrue(name.matches("/[a-z]+_[a-z]+"), name);
        ok("create", "--name", "taken", "bb:1", "true");
        CliRun clash = berth.run("create", "--name", "taken", "bb:1", "true");
        assertEquals(1, clash.code());
        assertTrue(clash.err().contains("Conflict. The container name \"/taken\" is already in use by container"),
                clash.err());
        ok("rename", "taken", "free");
        assertEquals("/free\n", ok("inspect", "-f", "{{.Name}}", "free").out());
        CliRun missing = berth.run("start", "nothere");
        assertEquals(1, missing.code());
        assertEquals("Error: No such container: nothere\n", missing.err());
    }

    @Test
    void psOptions() {
        ok("run", "-d", "--name", "one", "--label", "tier=web", "bb:1", "sleep", "600");
        ok("create", "--name", "two", "bb:1", "true");
        assertEquals("one\n", ok("ps", "--format", "{{.Names}}").out());
        assertEquals("two\none\n", ok("ps", "-a", "--format", "{{.Names}}").out());
        assertEquals("two\n", ok("ps", "-l", "--format", "{{.Names}}").out());
        assertEquals("one\n", ok("ps", "-a", "--filter", "label=tier=web", "--format", "{{.Names}}").out());
        assertEquals("two\n", ok("ps", "-a", "--filter", "status=created", "--format", "{{.Names}}").out());
        assertEquals("one\n", ok("ps", "-a", "--filter", "name=on", "--format", "{{.Names}}").out());
        assertEquals("web\n", ok("ps", "--format", "{{.Label \"tier\"}}").out());
        List<String> table = ok("ps", "-a").out().lines().toList();
        assertTrue(table.get(0).matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES"), table.get(0));
        assertTrue(table.stream().anyMatch(l -> l.contains("\"sleep 600\"")), table.toString());
        assertTrue(ok("ps", "-s", "--format", "{{.Size}}").out().matches("\\S+ \\(virtual \\S+\\)\n"));
        assertEquals(2, ok("ps", "-aq").out().lines().count());
    }

    @Test
    void inspectShowsDockersShape() {
        ok("run", "-d", "--name", "shape", "-m", "64m", "--pids-limit", "50", "bb:1", "sleep", "600");
        String json = ok("inspect", "shape").out();
        for (String field : List.of("\"Id\": ", "\"Created\": ", "\"Path\": \"sleep\"", "\"Args\": [", "\"State\": {",
                "\"Status\": \"running\"", "\"Running\": true", "\"OOMKilled\": false", "\"Pid\": ", "\"StartedAt\": ",
                "\"Image\": \"sha256:", "\"Name\": \"/shape\"", "\"RestartCount\": 0", "\"HostConfig\": {",
                "\"Memory\": 67108864", "\"PidsLimit\": 50", "\"GraphDriver\": {", "\"Mounts\": []", "\"Config\": {")) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
        assertTrue(json.contains("\"Name\": \"" + driver() + "\""), json);
        assertEquals("true sleep\n", ok("container", "inspect", "-f", "{{.State.Running}} {{.Path}}", "shape").out());
        CliRun image = ok("inspect", "-f", "{{.Id}}", "bb:2");
        assertTrue(image.out().startsWith("sha256:cd7aea87cca1"), image.out());
    }

    @Test
    void oneInvocationServesSeveralContainers() {
        ok("run", "-d", "--name", "aa", "bb:1", "sleep", "600");
        ok("run", "-d", "--name", "bb", "bb:1", "sleep", "600");
        CliRun stop = berth.run("stop", "-t", "1", "aa", "nothere", "bb");
        assertEquals(1, stop.code());
        assertEquals("aa\nbb\n", stop.out());
        assertEquals("Error: No such container: nothere\n", stop.err());
        assertEquals("aa\nbb\n", ok("rm", "aa", "bb").out());
    }

    @Test
    void autoRemoveOfADetachedContainerHappensWhenItExits() throws Exception {
        String id = ok("run", "-d", "--rm", "bb:1", "true").out().strip();
        long deadline = System.currentTimeMillis() + 20_000;
        while (ok("ps", "-aq", "--no-trunc").out().contains(id) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ok("ps", "-aq", "--no-trunc").out().contains(id), "the exit command removed it");
    }

    @Test
    void pruneRemovesWhatIsStoppedAndSystemPruneTheImagesNothingUses() {
        String running = ok("run", "-d", "bb:1", "sleep", "600").out().strip();
        String created = ok("create", "bb:2", "true").out().strip();
        ok("run", "bb:2", "true");
        String exited = ok("ps", "-lq", "--no-trunc").out().strip();

        CliRun prune = ok("container", "prune", "-f");
        List<String> lines = prune.out().lines().toList();
        assertEquals("Deleted Containers:", lines.get(0), prune.out());
        assertEquals(Set.of(created, exited), Set.copyOf(lines.subList(1, 3)), prune.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("Total reclaimed space: "), prune.out());
        assertEquals(running, ok("ps", "-aq", "--no-trunc").out().strip(), "the running container stays");

        ok("create", "bb:2", "true");
        CliRun declined = berth.runWithInput("n\n".getBytes(), "system", "prune", "-a");
        assertTrue(declined.out().startsWith("WARNING! This will remove:\n  - all stopped containers\n"
                + "  - all images without at least one container associated to them\n"), declined.out());
        assertEquals(2, ok("ps", "-aq").out().lines().count(), "nothing removed when the answer is no");

        CliRun system = ok("system", "prune", "-a", "-f");
        assertTrue(system.out().contains("Deleted Containers:\n"), system.out());
        assertTrue(system.out().contains("Deleted Images:\nuntagged: bb:2\n"), system.out());
        assertTrue(system.out().contains("deleted: sha256:cd7aea87cca11cf8ecb6f0997eb4c1c0ca34e6941063a307645e8d59d0403f3e\n"),
                system.out());
        assertEquals(List.of("bb:1"), ok("images", "--format", "{{.Repository}}:{{.Tag}}").out().lines().toList(),
                "the image of the running container stays");
    }

    @Test
    void aSecondContainerOfAnImageNeedsNoLookIntoTheImage() throws Exception {
        ok("create", "--name", "first", "bb:1", "true");
        // bb:1 has one layer, whose chain ID is its diff ID; its files are moved out of the driver's reach.
        String layer = ok("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", "bb:1").out().strip();
        String cacheId = dev.berth.core.model.Json.read(Files.readAllBytes(berth.dataRoot()
                .resolve("layers/" + driver() + "/sha256/" + layer.substring("sha256:".length()) + ".json")))
                .get("cache-id").asText();
        Path files;
        try (var found = Files.walk(berth.dataRoot().resolve("storage/" + driver()), 2)) {
            files = found.filter(p -> p.getFileName().toString().equals(cacheId)).findFirst().orElseThrow();
        }
        Path away = files.resolveSibling(cacheId + ".away");
        Files.move(files, away);
        try {
            CliRun second = berth.run("create", "--name", "second", "bb:1", "true");
            assertEquals(0, second.code(), "the init layer noted at the first create is reused\n" + second);
        } finally {
            Files.move(away, files);
        }
    }

    @Test
    void interactiveInputReachesTheContainerAndAnOpenInputDoesNotOutliveIt() throws Exception {
        CliRun withoutI = berth.runWithInput("hello\n".getBytes(), "run", "--rm", "bb:1", "cat");
        assertEquals(0, withoutI.code(), withoutI.toString());
        assertEquals("", withoutI.out(), "without -i no input is read");
        CliRun echoed = berth.runWithInput("hello\n".getBytes(), "run", "-i", "--rm", "bb:1", "cat");
        assertEquals(0, echoed.code(), echoed.toString());
        assertEquals("hello\n", echoed.out());

        // Input that never ends, as a terminal nobody types into: the session ends with the container, and
        // the thread pumping the input is stopped, not left waiting in a read.
        try (PipedOutputStream user = new PipedOutputStream(); PipedInputStream open = new PipedInputStream(user)) {
            CliRun ended = berth.runWithInput(open, "run", "-i", "--rm", "bb:1", "true");
            assertEquals(0, ended.code(), ended.toString());
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().equals("berth-stdin")), "the input pump has ended");
        }
    }
}
