package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.CliRun;
import dev.berth.cli.image.Rootfs;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart policies with no daemon: the runtime's exit command calls berth back, which restarts the container
 * after Docker's back-off, or leaves it stopped when the user stopped it.
 */
class RestartPolicyIT {

    @TempDir
    Path dir;

    BerthHome berth;

    @BeforeEach
    void image() throws Exception {
        berth = new BerthHome(dir);
        ok("import", Rootfs.busyboxTar(dir).toString(), "bb:1");
    }

    @AfterEach
    void cleanUp() {
        for (String id : berth.run("ps", "-aq").out().lines().toList()) {
            berth.run("rm", "-f", id);
        }
    }

    CliRun ok(String... args) {
        CliRun run = berth.run(args);
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    private String waitFor(String container, String template, Predicate<String> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        String value = "";
        while (System.currentTimeMillis() < deadline) {
            value = ok("inspect", "-f", template, container).out().strip();
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; last " + template + " of " + container + ": " + value);
    }

    @Test
    void onFailureRestartsUpToItsLimitThenStays() throws Exception {
        ok("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "bb:1", "sh", "-c", "exit 3");
        waitFor("flaky", "{{.RestartCount}} {{.State.Status}}", v -> v.equals("2 exited"));
        Thread.sleep(1500);
        assertEquals("2 exited 3", ok("inspect", "-f", "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
                "flaky").out().strip(), "no third restart");
        assertEquals("on-failure 2\n", ok("inspect", "-f",
                "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", "flaky").out());
    }

    @Test
    void onFailureDoesNotRestartASuccess() throws Exception {
        ok("run", "-d", "--name", "fine", "--restart", "on-failure", "bb:1", "true");
        waitFor("fine", "{{.State.Status}}", "exited"::equals);
        Thread.sleep(1500);
        assertEquals("0 exited", ok("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "fine").out().strip());
    }

    @Test
    void alwaysRestartsUntilStoppedByHand() throws Exception {
        ok("run", "-d", "--name", "loop", "--restart", "always", "bb:1", "sh", "-c", "sleep 1; exit 0");
        waitFor("loop", "{{.RestartCount}}", v -> Integer.parseInt(v) >= 1);
        ok("stop", "-t", "1", "loop");
        String stopped = waitFor("loop", "{{.State.Status}}", "exited"::equals);
        int count = Integer.parseInt(ok("inspect", "-f", "{{.RestartCount}}", "loop").out().strip());
        Thread.sleep(2500);
        assertEquals(stopped + " " + count, ok("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", "loop").out().strip(),
                "a manual stop is final");
        assertTrue(count >= 1);
    }

    @Test
    void restartAndRemoveAreRefusedTogether() {
        CliRun both = berth.run("run", "--rm", "--restart", "always", "bb:1", "true");
        assertEquals(125, both.code());
        assertEquals("Error: Conflicting options: --restart and --rm\n", both.err());
    }
}
