package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.cli.image.Rootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A berth process killed with SIGKILL in the middle of {@code rm} or {@code commit}: the next command repairs
 * the state or reports it clearly; never a container that can neither start nor be removed, never a lost image.
 */
class ContainerCrashIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("berth.repository.root", "."));

    @TempDir
    Path dir;

    BerthHome berth;

    @BeforeEach
    void image() throws Exception {
        berth = new BerthHome(dir).with("BERTH_DATA_ROOT", dir.resolve("data").toString())
                .with("BERTH_EXEC_ROOT", dir.resolve("exec").toString());
        ok("import", Rootfs.busyboxTar(dir).toString(), "bb:1");
    }

    CliRun ok(String... args) {
        CliRun run = berth.run(args);
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    private Process launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(REPOSITORY.resolve("berth").toString(),
                "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("crash.log").toFile());
        builder.environment().put("BERTH_CONFIG", "");
        return builder.start();
    }

    private static void killWhen(Process process, BooleanSupplier ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(process.isAlive(), "the command ended before it could be killed");
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void aCommitKilledHalfWayLeavesNoImageAndAWorkingContainer() throws Exception {
        ok("run", "--name", "big", "bb:1", "sh", "-c", "head -c 150000000 /dev/urandom > /big; true");
        List<String> before = ok("images", "-q", "--no-trunc").out().lines().toList();
        Process commit = launch("commit", "big", "big:1");
        Path incomplete = dir.resolve("data/images/overlay/incomplete");
        killWhen(commit, () -> hasEntries(incomplete) && hasEntries(dir.resolve("data/layers/overlay/incomplete")));

        assertEquals(before, ok("images", "-q", "--no-trunc").out().lines().toList(), "no image appeared");
        assertEquals(List.of(), list(incomplete), "the next command cleaned up");
        assertEquals(List.of(), list(dir.resolve("data/layers/overlay/incomplete")));
        ok("start", "big");
        assertEquals("0\n", ok("wait", "big").out(), "the container still starts and runs");
        ok("commit", "big", "big:1");
        assertEquals("150000000\n", ok("run", "--rm", "big:1", "sh", "-c", "wc -c < /big").out().stripLeading());
        ok("rm", "-f", "big");
    }

    @Test
    void aRemovalKilledHalfWayIsReportedAndFinishedByTheNextRm() throws Exception {
        ok("run", "--name", "many", "bb:1", "sh", "-c",
                "mkdir /m; i=0; while [ $i -lt 3000 ]; do mkdir /m/d$i; echo $i > /m/d$i/f; i=$((i+1)); done");
        String id = ok("inspect", "-f", "{{.Id}}", "many").out().strip();
        Path record = dir.resolve("data/containers").resolve(id).resolve("config.json");
        Process rm = launch("rm", "many");
        killWhen(rm, () -> read(record).contains("\"RemovalInProgress\" : true"));

        CliRun ps = ok("ps", "-a", "--format", "{{.Names}} {{.Status}}");
        assertTrue(ps.out().equals("many Removal In Progress\n") || ps.out().isEmpty(), ps.out());
        berth.run("rm", "many");
        assertEquals("", ok("ps", "-aq").out());
        assertEquals(0, berth.run("rmi", "bb:1").code(), "nothing holds the image any more");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean hasEntries(Path dir) {
        return !list(dir).isEmpty();
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
