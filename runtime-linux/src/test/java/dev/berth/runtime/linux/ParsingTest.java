package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.spi.ExecFailureException;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime reads from the helper, the monitor and /proc. */
class ParsingTest {

    @TempDir
    Path temp;

    @Test
    void theHelpersReportIsParsedIntoPidsOrTheRightFailure() throws Exception {
        assertEquals(new HelperReport(12, 11), HelperReport.parse("ok 12 11\n", "exit code 0"));
        ExecFailureException notFound = assertThrows(ExecFailureException.class,
                () -> HelperReport.parse("error 127 exec: \"x\": executable file not found in $PATH\n", "exit code 0"));
        assertEquals(127, notFound.exitCode());
        RuntimeFailureException other = assertThrows(RuntimeFailureException.class,
                () -> HelperReport.parse("error 125 cannot mount proc\n", "exit code 0"));
        assertEquals("cannot mount proc", other.getMessage());
        RuntimeFailureException silent = assertThrows(RuntimeFailureException.class,
                () -> HelperReport.parse("", "killed by signal 9"));
        assertEquals("the runtime helper ended without a report (killed by signal 9)", silent.getMessage());
    }

    @Test
    void procStatSurvivesACommandWithParenthesesAndSpaces() {
        ProcStat stat = ProcStat.parse(42, "42 (a) b (c)) S 1 42 42 34816 42 4194560 100 0 0 0 7 3 0 0 20 0 1 0 9876 "
                + "1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        assertEquals(new ProcStat(42, "a) b (c)", 'S', 1, 34816, 7, 3, 9876), stat);
    }

    @Test
    void theExitStatusIsReadFromTheMonitorsFile() throws Exception {
        Path file = Files.writeString(temp.resolve("exit"), "exit_code=137\noom_killed=true\nfinished_at=1732800000.000000005\n");
        assertEquals(new ExitStatus(137, true, Instant.ofEpochSecond(1732800000, 5)), ExitStatus.read(file).orElseThrow());
        assertEquals(java.util.Optional.empty(), ExitStatus.read(temp.resolve("missing")));
    }

    @Test
    void terminalsAreNamedAsPsNamesThem() {
        assertEquals("?", ProcessTable.terminal(0));
        assertEquals("pts/0", ProcessTable.terminal(136 << 8));
        assertEquals("pts/3", ProcessTable.terminal((136 << 8) | 3));
        assertEquals("pts/300", ProcessTable.terminal((137 << 8) | 44));
        assertEquals("tty1", ProcessTable.terminal((4 << 8) | 1));
    }

    @Test
    void commandLinesSplitOnNul() {
        assertEquals(List.of("sh", "-c", "a b", ""), ProcessTable.commandLine("sh\0-c\0a b\0\0".getBytes()));
        assertEquals(List.of(), ProcessTable.commandLine(new byte[0]));
    }

    @Test
    void socketsAreShortAndATooLongStateRootIsRefused() throws Exception {
        ContainerPaths paths = ContainerPaths.container(Path.of("/run/berth/runtime/linux"), "a".repeat(64));
        assertEquals(Path.of("/run/berth/runtime/linux/containers/" + "a".repeat(64)), paths.directory());
        assertEquals("/run/berth/runtime/linux/s/".length() + 32, paths.socket().toString().length());
        // "/s/" and 32 hex digits follow the state root: 106 bytes in all are the most the JDK connects to.
        assertEquals(106, ContainerPaths.container(Path.of("/" + "x".repeat(70)), "id").socket().toString().length());
        assertThrows(RuntimeFailureException.class, () -> ContainerPaths.container(Path.of("/" + "x".repeat(71)), "id"));
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> ContainerPaths.container(Path.of("/" + "x".repeat(80)), "id"));
        assertEquals("the runtime's state directory /" + "x".repeat(80) + " is too long for a unix socket path: "
                + "choose a shorter exec-root", e.getMessage());
    }
}
