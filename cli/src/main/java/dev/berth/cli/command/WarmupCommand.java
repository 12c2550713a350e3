package dev.berth.cli.command;

import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import dev.berth.cli.command.container.PsCommand;
import dev.berth.cli.format.GoTemplate;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.core.BerthException;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.container.ContainerStatus;
import dev.berth.core.container.DefaultSpec;
import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.HostInfo;
import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageReference;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import dev.berth.core.registry.Credentials;
import dev.berth.core.registry.Registries;
import dev.berth.spi.MountSpec;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth internal-warmup}: walks the code that berth's commands start with (the command tree and its
 * help, configuration, JSON, references, digests, tables and templates, runtime specs, JNA), then rehearses
 * the everyday commands against a scratch store of its own ({@link Rehearsal}), and for the registry commands'
 * cache a login and a pull against a registry of its own on the loopback ({@link WarmupRegistry}), so that the
 * launcher can record what a JVM loads and links into a class-data archive (JDK 17) or an AOT cache (JDK 25),
 * which later runs map instead of loading class by class. The container commands' cache rehearses only those
 * commands. Touches no store of the user's. Not for people.
 */
@Command(name = "internal-warmup", hidden = true, description = "Exercise berth's start-up path for the start-up cache")
public final class WarmupCommand implements Callable<Integer> {

    /** The launcher's caches, named as the launcher passes them. */
    enum Part { local, container, registry }

    @Parameters(arity = "0..1", defaultValue = "local",
            description = "The cache to warm: local (every command but these), container (run, create, start, stop,"
                    + " restart, kill, pause, unpause, wait, rm and the exit command's cleanup), or registry (pull,"
                    + " push, login, logout)")
    Part part;

    private final Streams streams;
    private final Environment environment;
    private final Provider<Registries> registries;

    @Inject
    WarmupCommand(Streams streams, Environment environment, Provider<Registries> registries) {
        this.streams = streams;
        this.environment = environment;
        this.registries = registries;
    }

    @Override
    public Integer call() throws BerthException, IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        if (part == Part.container) {
            // Only what starting and ending a container runs: whatever else the cache held would be mapped, and
            // paid for, at every start.
            return report(0, new Rehearsal(environment, temporary).perform(Rehearsal.Commands.CONTAINERS, List.of()));
        }
        StringBuilder sink = new StringBuilder();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        // The whole command tree, as an unknown command or --help builds it, and each command's help.
        for (String command : List.of("--help", "image", "container", "system", "run", "ps", "images")) {
            Main.run(new String[] {command, "--help"}, new Streams(InputStream.nullInputStream(), nowhere, nowhere),
                    environment);
        }
        Path scratch = Files.createTempFile("berth-warmup", ".json");
        try {
            Files.writeString(scratch, "{\"data-root\": \"/var/lib/berth\", \"storage-opts\": [\"overlay.x=1\"]}");
            BerthConfig config = BerthConfig.resolve(Map.of(), Optional.of(scratch), Map.of());
            sink.append(config.dataRoot());
        } finally {
            Files.deleteIfExists(scratch);
        }
        ImageReference reference = ImageReference.parse("localhost:5000/warm/up:1").withDefaultTag();
        byte[] configBytes = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-01T00:00:00.5Z\","
                + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"b\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(new byte[0]) + "\"]},"
                + "\"history\":[{\"created_by\":\"warm\"}]}").getBytes(StandardCharsets.UTF_8);
        ImageConfig image = ImageConfig.parse(configBytes, "warm-up config");
        sink.append(Json.text(Json.read(Json.pretty(image.tree())))).append(reference.familiarString());
        sink.append(image.chainIds()).append(Sizes.human(1_982_294)).append(Times.ago(Instant.EPOCH, Instant.now()));
        sink.append(PsCommand.status(ContainerStatus.CREATED, Instant.now()));
        sink.append(GoTemplate.parse("{{.Name}} {{json .}} {{range .L}}{{.}}{{end}}")
                .execute(Map.of("Name", "x", "L", List.of("a", "b"))));
        sink.append(DefaultSpec.builder(List.of(MountSpec.bind(Path.of("/"), true)), List.of("true"), Path.of("/tmp"))
                .hostname("warm").env(List.of("A=1")).memory(64L << 20).pidsLimit(10).build());
        sink.append(HostInfo.read().kernelVersion());
        sink.append(new FileSystemProbe().magic(Path.of("/")));
        Rehearsal rehearsal = new Rehearsal(environment, temporary);
        if (part != Part.registry) {
            return report(sink.length(), rehearsal.perform(Rehearsal.Commands.EVERYDAY, List.of()));
        }
        try (WarmupRegistry registry = WarmupRegistry.start()) {
            sink.append(login(registries.get(), registry));
            return report(sink.length(), rehearsal.perform(Rehearsal.Commands.EVERYDAY,
                    List.of(List.of("pull", registry.image()))));
        }
    }

    private int report(int warmed, List<String> failed) {
        streams.out().println("warm: " + warmed);
        // What the cache holds, and why it is thinner when it is.
        streams.out().println(failed.isEmpty() ? "rehearsed: every command ended as expected"
                : "not rehearsed: " + String.join(", ", failed));
        return 0;
    }

    /**
     * What {@code login} does, through berth's registry client, without writing the user's credentials anywhere;
     * and the system's trust store read, as an HTTPS registry would. Failing here only leaves the classes out of
     * the cache.
     */
    private static boolean login(Registries registries, WarmupRegistry registry) {
        try {
            registries.verify(registry.address(), new Credentials("warm", "up"));
            SSLContext.getDefault();
            return true;
        } catch (BerthException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
