package dev.berth.runtime.linux;

import dev.berth.core.InvalidInputException;
import dev.berth.core.container.DefaultSpec;
import dev.berth.spi.Attachment;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ContainerState;
import dev.berth.spi.MountSpec;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.RuntimeSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One test's containers: a runtime with its own state directory, and for each container an overlay of the
 * busybox root with its own upper directory. Closing kills and deletes whatever is left.
 */
final class Containers implements AutoCloseable {

    final ContainerRuntime runtime;
    private final Path directory;
    private final List<String> created = new ArrayList<>();

    Containers(Path directory) throws RuntimeFailureException {
        this.directory = directory;
        this.runtime = new LinuxRuntimeFactory().create(directory.resolve("run"));
    }

    /** A fresh, unique container ID: cgroups are shared by every test on the machine. */
    String newId() {
        String id = "it-" + UUID.randomUUID().toString().replace("-", "");
        created.add(id);
        return id;
    }

    Path containerDirectory(String id) {
        return directory.resolve("c-" + id);
    }

    /** The upper directory of the container's overlay: what the container wrote. */
    Path upper(String id) {
        return directory.resolve("o-" + id).resolve("upper");
    }

    /** Docker's defaults for a container of {@code id} running {@code command}. */
    DefaultSpec.Builder spec(String id, String... command) {
        try {
            Path overlay = Files.createDirectories(directory.resolve("o-" + id));
            Files.createDirectories(overlay.resolve("upper"));
            Files.createDirectories(overlay.resolve("work"));
            Files.createDirectories(containerDirectory(id));
            MountSpec root = new MountSpec("overlay", "overlay", List.of("lowerdir=" + BusyboxRoot.get(),
                    "upperdir=" + overlay.resolve("upper"), "workdir=" + overlay.resolve("work")), java.util.Optional.empty());
            return DefaultSpec.builder(List.of(root), List.of(command), containerDirectory(id))
                    .hostname(id.substring(0, 12))
                    .logFile(containerDirectory(id).resolve(id + "-json.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RuntimeSpec build(DefaultSpec.Builder builder) {
        try {
            return builder.build();
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Creates, attaches, starts and waits, as {@code berth run --rm} does; then deletes the container. */
    Run run(String id, RuntimeSpec spec) throws RuntimeFailureException, IOException {
        runtime.create(id, spec);
        try (Attachment attachment = runtime.attach(id)) {
            runtime.start(id);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            OptionalInt code = attachment.copyOutput(out, err);
            ContainerState state = runtime.awaitStop(id, Duration.ofSeconds(30));
            return new Run(code.orElse(-1), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), state);
        } finally {
            runtime.awaitStop(id, Duration.ofSeconds(30));
            runtime.delete(id);
        }
    }

    Run run(DefaultSpec.Builder builder, String id) throws RuntimeFailureException, IOException {
        return run(id, build(builder));
    }

    /** What a run printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr, ContainerState state) {
    }

    @Override
    public void close() throws RuntimeFailureException {
        for (String id : created) {
            if (runtime.state(id).status() != ContainerState.Status.STOPPED) {
                runtime.kill(id, Signals.SIGKILL, true);
                runtime.awaitStop(id, Duration.ofSeconds(30));
            }
            runtime.delete(id);
        }
    }
}
