package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.BerthHome;
import dev.berth.cli.image.Rootfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten berth processes at once, three times over: nothing lost, names unique, the stores consistent. */
class ConcurrencyIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("berth.repository.root", "."));
    private static final int COUNT = 10;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private List<Result> all(List<List<String>> commands) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (List<String> args : commands) {
            List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("berth").toString(),
                    "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("BERTH_CONFIG", "");
            processes.add(builder.start());
        }
        List<Result> results = new ArrayList<>();
        for (Process process : processes) {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            results.add(new Result(process.exitValue(), out, err));
        }
        return results;
    }

    @Test
    void tenRunsStopsAndRemovesAtOnce() throws Exception {
        BerthHome berth = new BerthHome(dir).with("BERTH_DATA_ROOT", dir.resolve("data").toString())
                .with("BERTH_EXEC_ROOT", dir.resolve("exec").toString());
        assertEquals(0, berth.run("import", Rootfs.busyboxTar(dir).toString(), "bb:1").code());

        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            runs.add(List.of("run", "-d", "bb:1", "sleep", "600"));
        }
        List<String> ids = new ArrayList<>();
        for (Result run : all(runs)) {
            assertEquals(0, run.code(), run.err());
            ids.add(run.out().strip());
        }
        assertEquals(COUNT, new HashSet<>(ids).size());
        List<String> names = berth.run("ps", "--format", "{{.Names}}").out().lines().toList();
        assertEquals(COUNT, names.size(), names.toString());
        assertEquals(COUNT, new HashSet<>(names).size(), "names are unique: " + names);

        List<List<String>> stops = ids.stream().map(id -> List.of("stop", "-t", "1", id)).toList();
        for (Result stop : all(stops)) {
            assertEquals(0, stop.code(), stop.err());
        }
        assertEquals("", berth.run("ps", "-q").out(), "none runs");
        assertEquals(COUNT, berth.run("ps", "-aq").out().lines().count(), "none lost");

        List<List<String>> removals = ids.stream().map(id -> List.of("rm", id)).toList();
        for (Result rm : all(removals)) {
            assertEquals(0, rm.code(), rm.err());
        }
        assertEquals("", berth.run("ps", "-aq").out());
        try (Stream<Path> left = Files.list(dir.resolve("data/layers/overlay/containers"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList(),
                    "no writable layer left");
        }
        assertEquals(0, berth.run("rmi", "bb:1").code(), "the image is free again");
    }
}
