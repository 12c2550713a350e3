package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A data root and exec root of its own for a test, and the command line run against them in-process.
 */
public final class BerthHome {

    private final Path dir;
    private final Map<String, String> environment = new HashMap<>();

    public BerthHome(Path dir) {
        this.dir = dir;
        environment.put("BERTH_DATA_ROOT", dataRoot().toString());
        environment.put("BERTH_EXEC_ROOT", dir.resolve("exec").toString());
        environment.put("BERTH_PLUGINS_DIR", dir.resolve("plugins").toString());
        // Registry credentials of the test's own, never the user's.
        environment.put("BERTH_AUTH_FILE", authFile().toString());
    }

    /** Where {@code login} stores credentials for this home. */
    public Path authFile() {
        return dir.resolve("auth.json");
    }

    /** The environment commands of this home run with. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public BerthHome with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public Path dataRoot() {
        return dir.resolve("data");
    }

    public CliRun run(String... args) {
        return CliRun.run(environment, args);
    }

    /** Runs as if standard input and output were a terminal. */
    public CliRun runOnTerminal(String... args) {
        return CliRun.runOnTerminal(environment, args);
    }

    public CliRun runWithInput(byte[] stdin, String... args) {
        return CliRun.run(new ByteArrayInputStream(stdin), environment, args);
    }

    public CliRun runWithInput(InputStream stdin, String... args) {
        return CliRun.run(stdin, environment, args);
    }

    /** Every file under the data root but scratch space, to show that a failed command changed nothing. */
    public TreeSet<String> storeFiles() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        if (!Files.exists(dataRoot())) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dataRoot())) {
            walk.filter(p -> !Files.isDirectory(p)).map(p -> dataRoot().relativize(p).toString())
                    .filter(p -> !p.startsWith("tmp/") && !p.endsWith("/lock") && !p.equals("lock"))
                    .forEach(files::add);
        }
        return files;
    }
}
