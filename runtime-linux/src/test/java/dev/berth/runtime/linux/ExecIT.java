package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.container.DefaultSpec;
import dev.berth.spi.Attachment;
import dev.berth.spi.Capabilities;
import dev.berth.spi.ExecFailureException;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.RuntimeFailureException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Processes added to a running container. */
class ExecIT extends ContainersTest {

    String id;

    @BeforeEach
    void startContainer() throws Exception {
        id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c", "echo inside > /marker; sleep 600")
                .memory(64L << 20)));
        containers.runtime.start(id);
    }

    static ProcessSpec process(String... args) {
        return ProcessSpec.of(List.of(args), List.of("PATH=" + DefaultSpec.DEFAULT_PATH), "/")
                .withCapabilities(Capabilities.of(DefaultSpec.CAPABILITIES));
    }

    String runExec(String execId, ProcessSpec process) throws Exception {
        containers.runtime.exec(id, execId, process, true);
        try (Attachment attachment = containers.runtime.attachExec(id, execId)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OptionalInt code = attachment.copyOutput(out, out);
            return code.orElse(-1) + ":" + out;
        }
    }

    @Test
    void anExecSharesTheContainersNamespacesRootAndCgroup() throws Exception {
        awaitMarker();
        String result = runExec("e1", process("sh", "-c",
                "cat /marker; hostname; ps -o pid,comm | grep -c sleep; cat /proc/1/cmdline | tr '\\0' ' '; echo; "
                        + "grep memory /proc/self/cgroup | cut -d: -f2-; exit 4"));

        assertEquals("4:inside\n" + id.substring(0, 12) + "\n1\nsleep 600 \nmemory:/\n", result);
        assertEquals(OptionalInt.of(4), containers.runtime.execExitCode(id, "e1"));
    }

    @Test
    void anExecRunsAsTheGivenUserInTheGivenDirectory() throws Exception {
        String result = runExec("e2", ProcessSpec.of(List.of("sh", "-c", "id -u; pwd"), List.of(), "/tmp")
                .withUser("user", List.of()));
        assertEquals("0:1000\n/tmp\n", result);
    }

    @Test
    void anExecHasTheContainersSyscallFilter() throws Exception {
        String result = runExec("e8", process("sh", "-c", "unshare -U true 2>&1"));
        assertEquals("1:unshare: unshare(0x10000000): Operation not permitted\n", result);
    }

    @Test
    void anExecOfAMissingCommandFailsWith127() throws Exception {
        ExecFailureException e = assertThrows(ExecFailureException.class,
                () -> containers.runtime.exec(id, "e3", process("nosuch"), true));
        assertEquals(127, e.exitCode());
    }

    @Test
    void anExecWithATerminalGetsAPtyOfTheContainer() throws Exception {
        String result = runExec("e4", process("tty").withStdio(true, false, Optional.empty()));
        assertEquals("0:/dev/pts/0\r\n", result);
    }

    @Test
    void anExecCannotUseADescriptorAsWorkingDirectory() throws Exception {
        // CVE-2024-21626: every host descriptor is closed before chdir, and the result is checked.
        ExecFailureException e = assertThrows(ExecFailureException.class,
                () -> containers.runtime.exec(id, "e7", ProcessSpec.of(List.of("pwd"), List.of(), "/proc/self/fd/3"), true));
        assertEquals(126, e.exitCode());
    }

    @Test
    void aDetachedExecRunsOnAndItsExitIsRecorded() throws Exception {
        long pid = containers.runtime.exec(id, "e5", process("sh", "-c", "exit 6"), false);
        assertTrue(pid > 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (containers.runtime.execExitCode(id, "e5").isEmpty()) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(5);
        }
        assertEquals(OptionalInt.of(6), containers.runtime.execExitCode(id, "e5"));
    }

    @Test
    void anExecIsRefusedWhenTheContainerIsPaused() throws Exception {
        containers.runtime.pause(id);
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> containers.runtime.exec(id, "e6", process("true"), false));
        assertEquals("container " + id + " is paused, unpause the container before exec", e.getMessage());
        containers.runtime.resume(id);
    }

    private void awaitMarker() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!java.nio.file.Files.exists(containers.upper(id).resolve("marker"))) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(5);
        }
    }
}
