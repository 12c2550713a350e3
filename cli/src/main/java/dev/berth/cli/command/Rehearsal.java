package dev.berth.cli.command;

import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * berth's everyday commands, run in this JVM against a scratch data root: import, save, load, images,
 * inspect, history, run (attached and detached), create, ps, pause, unpause, exec, logs, stop, start, kill,
 * wait, rm, rmi, system df. A start-up cache recorded from a run that only loads classes
 * holds neither the lambdas and method handles these commands link nor the profile of their code, and a
 * command then spends a third of its time making them; recorded from this, {@code run --rm} starts in about
 * three quarters of the time. Each command may fail (not root, no overlay under the temporary directory):
 * it is then simply left out of the cache.
 */
final class Rehearsal {

    /** The static binaries the runtime ships: the scratch image's executables. */
    private static final String INIT = "/dev/berth/runtime/linux/native/berth-init";
    private static final String HELPER = "/dev/berth/runtime/linux/native/berth-helper";
    private static final String IMAGE = "berth-warmup:1";
    /**
     * What {@code /warm /missing} exits with, in a container or exec'd into one: the init binary, told to run
     * a program that is not there, says so with 127 after its fork, a code that no failure of berth itself
     * (125) is confused with.
     */
    private static final int WARM_EXIT = 127;

    private final Environment environment;
    private final Path temporary;
    private final Streams nowhere;

    /** @param temporary where the scratch store is made (and removed) */
    Rehearsal(Environment environment, Path temporary) {
        // A detached container's exit runs berth's cleanup in a JVM of its own, which would find the scratch
        // store gone: here the callback is a no-op, and rm -f cleans up.
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("BERTH_LAUNCHER", "/bin/true");
        this.environment = new Environment(variables);
        this.temporary = temporary;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        this.nowhere = new Streams(InputStream.nullInputStream(), sink, sink);
    }

    /** Runs the commands and removes the scratch store; returns the commands that did not end as expected. */
    List<String> perform() throws IOException {
        Optional<byte[]> init = resource(INIT);
        Optional<byte[]> helper = resource(HELPER);
        if (init.isEmpty() || helper.isEmpty()) {
            return List.of("all: no executables for the scratch image"); // A build without the runtime.
        }
        // Short names: the runtime's attach sockets lie under the exec root, and a socket's path is short.
        Path scratch = Files.createTempDirectory(temporary, "bw");
        try {
            Path rootfs = scratch.resolve("rootfs.tar");
            writeRootfs(rootfs, init.get(), helper.get());
            Path archive = scratch.resolve("image.tar");
            List<Step> steps = List.of(
                    Step.of("import", "--change", "CMD [\"/warm\", \"/missing\"]", rootfs.toString(), IMAGE),
                    Step.of("save", "-o", archive.toString(), IMAGE),
                    Step.of("rmi", IMAGE),
                    Step.of("load", "-i", archive.toString()),
                    Step.of("images"),
                    Step.of("image", "inspect", IMAGE),
                    Step.of("history", IMAGE),
                    Step.ending(WARM_EXIT, "run", "--rm", "--network", "none", IMAGE),
                    Step.of("create", "--name", "warm", IMAGE),
                    Step.of("ps", "-a"),
                    Step.of("inspect", "warm"),
                    Step.of("rm", "warm"),
                    // A container that stays up: the helper waits for a writer of the fifo, which never comes.
                    Step.of("run", "-d", "--name", "warmd", IMAGE, "/warm", "/helper", "create", "/fifo"),
                    Step.of("ps"),
                    Step.of("pause", "warmd"),
                    Step.of("unpause", "warmd"),
                    Step.ending(WARM_EXIT, "exec", "warmd", "/warm", "/missing"),
                    Step.of("logs", "warmd"),
                    Step.of("stop", "-t", "0", "warmd"),
                    Step.of("start", "warmd"),
                    Step.of("kill", "warmd"),
                    Step.of("wait", "warmd"),
                    Step.of("rm", "-f", "warmd"),
                    Step.of("system", "df"),
                    Step.of("rmi", IMAGE));
            List<String> failed = new ArrayList<>();
            for (Step step : steps) {
                List<String> args = new ArrayList<>(List.of("--data-root", scratch.resolve("data").toString(),
                        "--exec-root", scratch.resolve("x").toString()));
                args.addAll(step.args());
                if (Main.run(args.toArray(String[]::new), nowhere, environment) != step.exit()) {
                    failed.add(String.join(" ", step.args()));
                }
            }
            return failed;
        } finally {
            deleteOnThisFileSystem(scratch);
        }
    }

    private static Optional<byte[]> resource(String name) throws IOException {
        try (InputStream in = Rehearsal.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    /** A root file system of the runtime's two static binaries, {@code /warm} and {@code /helper}, and a fifo. */
    private static void writeRootfs(Path file, byte[] init, byte[] helper) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); TarWriter tar = new TarWriter(out)) {
            tar.write(new TarEntry("warm", TarEntry.FILE, 0755, 0, 0, init.length, 0, "", 0, 0, Map.of()),
                    new ByteArrayInputStream(init));
            tar.write(new TarEntry("helper", TarEntry.FILE, 0755, 0, 0, helper.length, 0, "", 0, 0, Map.of()),
                    new ByteArrayInputStream(helper));
            tar.write(new TarEntry("fifo", TarEntry.FIFO, 0600, 0, 0, 0, 0, "", 0, 0, Map.of()),
                    InputStream.nullInputStream());
            tar.finish();
        }
    }

    /** A command and the exit code it ends with when all is well. */
    private record Step(int exit, List<String> args) {
        static Step of(String... args) {
            return new Step(0, List.of(args));
        }

        static Step ending(int exit, String... args) {
            return new Step(exit, List.of(args));
        }
    }

    /**
     * Deletes the scratch directory without descending into anything mounted below it (another device): a
     * mount that a failed command left behind is not berth's to empty; it stays, with its mount point.
     */
    private static void deleteOnThisFileSystem(Path scratch) throws IOException {
        Object device = Files.getAttribute(scratch, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Files.walkFileTree(scratch, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                return device.equals(Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS))
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) {
                try {
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    // Not empty: it holds a mount point, which stays.
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
