package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private Map<String, String> roots() {
        return Map.of("BERTH_DATA_ROOT", dir.resolve("data").toString(),
                "BERTH_EXEC_ROOT", dir.resolve("exec").toString(),
                "BERTH_PLUGINS_DIR", dir.resolve("plugins").toString());
    }

    @Test
    void noCommandPrintsTheHelp() {
        CliRun run = CliRun.run(roots());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("Usage:  berth [OPTIONS] COMMAND\n"), run.toString());
        assertTrue(run.out().contains("Commands:") && run.out().contains("  info "), run.toString());
        assertTrue(run.out().contains("Run 'berth COMMAND --help' for more information on a command."));
    }

    @Test
    void commandHelp() {
        CliRun run = CliRun.run(roots(), "info", "--help");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("Usage:  berth info [OPTIONS]\n\nDisplay system-wide information\n"),
                run.toString());
    }

    @Test
    void unknownCommandIsDockersMessageAndExitOne() {
        CliRun run = CliRun.run(roots(), "foo");
        assertEquals(1, run.code(), run.toString());
        assertEquals("berth: 'foo' is not a berth command.\nSee 'berth --help'\n", run.err());
    }

    @Test
    void unknownFlagExits125WithOneLineAndAHint() {
        CliRun run = CliRun.run(roots(), "version", "--bogus");
        assertEquals(125, run.code(), run.toString());
        assertEquals("berth version: unknown flag: --bogus\nSee 'berth version --help'.\n", run.err());
    }

    @Test
    void unknownGlobalFlagExits125() {
        CliRun run = CliRun.run(roots(), "--bogus", "version");
        assertEquals(125, run.code(), run.toString());
        assertTrue(run.err().startsWith("berth: unknown flag: --bogus\n"), run.toString());
    }

    @Test
    void extraArgumentExitsOne() {
        CliRun run = CliRun.run(roots(), "version", "extra");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("berth: \"berth version\" accepts no arguments."), run.toString());
    }

    @Test
    void missingArgumentExitsOne() {
        CliRun run = CliRun.run(roots(), "completion");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("berth: \"berth completion\" requires at least 1 argument"), run.toString());
    }

    @Test
    void versionNeedsNoConfiguration() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ not json");
        CliRun run = CliRun.run(Map.of("BERTH_CONFIG", broken.toString()), "version");
        assertEquals(0, run.code(), run.toString());
        // Values start in column 20, as in docker version.
        assertTrue(run.out().startsWith("Client:\n Version:           0"), run.toString());
        assertTrue(run.out().contains("\nEngine:\n"), run.toString());
        assertTrue(run.out().contains("\n Java version:      " + System.getProperty("java.version")), run.toString());
    }

    @Test
    void aBadConfigFileExitsOneNamingFileAndLine() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n \"storage-driver\": 5\n}");
        CliRun run = CliRun.run(Map.of("BERTH_CONFIG", broken.toString()), "info");
        assertEquals(1, run.code(), run.toString());
        assertEquals("Error: invalid config file " + broken + ": line 2: \"storage-driver\" must be a string, not a number\n",
                run.err());
    }

    @Test
    void anUnknownDriverExitsOneListingTheChoices() {
        CliRun run = CliRun.run(roots(), "--storage-driver", "zfs", "info");
        assertEquals(1, run.code(), run.toString());
        assertEquals("Error: unknown storage driver \"zfs\"; valid choices are overlay, vfs\n", run.err());
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun run = CliRun.run(roots(), "-D", "--storage-driver", "zfs", "info");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains("at dev.berth."), run.toString());
    }

    @Test
    void infoWithVfs() {
        CliRun run = CliRun.run(roots(), "--storage-driver", "vfs", "info");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("\n Storage Driver: vfs\n  Backing Filesystem: "), run.toString());
        assertTrue(run.out().contains("\n Data Root: " + dir.resolve("data") + "\n"), run.toString());
        assertTrue(run.out().contains("\n  Storage: overlay vfs\n"), run.toString());
        assertTrue(run.out().contains("\n Cgroup Version: "), run.toString());
        assertFalse(run.err().contains("WARNING"), run.toString());
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun run = CliRun.run(roots(), "completion", "bash");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("complete -F _complete_berth") || run.out().contains("_complete_berth"),
                run.toString());
        assertTrue(run.out().contains("info"), run.toString());
    }
}
