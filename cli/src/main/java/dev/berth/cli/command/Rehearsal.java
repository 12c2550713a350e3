package dev.berth.cli.command;

import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.host.FileTrees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * berth's everyday commands, run in this JVM against a scratch data root: import, save, load, images,
 * inspect, run, create, ps, rm, rmi, system df; or only those that start and end containers, for the cache of
 * their own. A start-up cache recorded from a run that only loads classes
 * holds neither the lambdas and method handles these commands link nor the profile of their code, and a
 * command then spends a third of its time making them; recorded from this, {@code run --rm} starts in about
 * three quarters of the time. Each command may fail (not root, no overlay under the temporary directory):
 * it is then simply left out of the cache.
 */
final class Rehearsal {

    /** The static init binary the runtime ships, as the one executable of the scratch image. */
    private static final String EXECUTABLE = "/dev/berth/runtime/linux/native/berth-init";
    private static final String IMAGE = "berth-warmup:1";
    /**
     * What the container's command exits with: the init binary, told to run a program that is not there,
     * says so with 127 after its fork, a code that no failure of berth itself (125) is confused with.
     */
    private static final int WARM_EXIT = 127;

    private final Environment environment;
    private final Path temporary;
    private final Streams nowhere;

    /** @param temporary where the scratch store is made (and removed) */
    Rehearsal(Environment environment, Path temporary) {
        this.environment = environment;
        this.temporary = temporary;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        this.nowhere = new Streams(InputStream.nullInputStream(), sink, sink);
    }

    /** Which commands a rehearsal runs. */
    enum Commands {
        /** Every everyday command. */
        EVERYDAY,
        /** Those that create, run and remove containers (and the import that gives them an image). */
        CONTAINERS
    }

    /**
     * Runs the commands, then {@code more} (a pull from the warm-up's registry, say) in the same scratch store,
     * and removes the store; returns the commands that did not end as expected.
     */
    List<String> perform(Commands which, List<List<String>> more) throws IOException {
        byte[] executable;
        try (InputStream in = Rehearsal.class.getResourceAsStream(EXECUTABLE)) {
            if (in == null) {
                return List.of("all: no executable for the scratch image"); // A build without the runtime.
            }
            executable = in.readAllBytes();
        }
        // Short names: the runtime's attach sockets lie under the exec root, and a socket's path is short.
        Path scratch = Files.createTempDirectory(temporary, "bw");
        try {
            Path rootfs = scratch.resolve("rootfs.tar");
            writeRootfs(rootfs, executable);
            Path archive = scratch.resolve("image.tar");
            List<String> importing = List.of("import", "--change", "CMD [\"/warm\", \"/missing\"]", rootfs.toString(),
                    IMAGE);
            List<List<String>> commands = which == Commands.CONTAINERS ? List.of(
                    importing,
                    List.of("run", "--rm", "--network", "none", IMAGE),
                    List.of("create", "--name", "warm", IMAGE),
                    List.of("rm", "warm"),
                    List.of("rmi", IMAGE)) : List.of(
                    importing,
                    List.of("save", "-o", archive.toString(), IMAGE),
                    List.of("rmi", IMAGE),
                    List.of("load", "-i", archive.toString()),
                    List.of("images"),
                    List.of("image", "inspect", IMAGE),
                    List.of("history", IMAGE),
                    List.of("run", "--rm", "--network", "none", IMAGE),
                    List.of("create", "--name", "warm", IMAGE),
                    List.of("ps", "-a"),
                    List.of("inspect", "warm"),
                    List.of("rm", "warm"),
                    List.of("system", "df"),
                    List.of("rmi", IMAGE));
            List<String> failed = new ArrayList<>();
            for (List<String> command : concat(commands, more)) {
                List<String> args = new ArrayList<>(List.of("--data-root", scratch.resolve("data").toString(),
                        "--exec-root", scratch.resolve("x").toString()));
                args.addAll(command);
                int expected = command.get(0).equals("run") ? WARM_EXIT : 0;
                if (Main.run(args.toArray(String[]::new), nowhere, environment) != expected) {
                    failed.add(String.join(" ", command));
                }
            }
            return failed;
        } finally {
            FileTrees.deleteOnThisFileSystem(scratch); // A mount a failed command left behind stays.
        }
    }

    private static List<List<String>> concat(List<List<String>> first, List<List<String>> then) {
        List<List<String>> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** A root file system of one static executable, {@code /warm}. */
    private static void writeRootfs(Path file, byte[] executable) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); TarWriter tar = new TarWriter(out)) {
            tar.write(new TarEntry("warm", TarEntry.FILE, 0755, 0, 0, executable.length, 0, "", 0, 0, Map.of()),
                    new ByteArrayInputStream(executable));
            tar.finish();
        }
    }
}
