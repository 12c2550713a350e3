package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.cli.format.TabWriter;
import dev.berth.core.BerthException;
import dev.berth.core.ConflictException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ProcessInfo;
import dev.berth.spi.RuntimeFailureException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top}: the container's processes, as {@code ps -ef} shows them on the host. */
@Command(name = "top", description = "Display the running processes of a container")
public final class TopCommand implements Callable<Integer> {

    private static final DateTimeFormatter STIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "CONTAINER", description = "The container")
    String name;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerRuntime> runtime;

    @Inject
    TopCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerRuntime> runtime) {
        this.streams = streams;
        this.engine = engine;
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws BerthException {
        Container container = engine.get().resolve(name);
        if (!container.state().running()) {
            throw new ConflictException("container " + container.id().hex() + " is not running");
        }
        List<ProcessInfo> processes;
        try {
            processes = runtime.get().top(container.id().hex());
        } catch (RuntimeFailureException e) {
            throw new EngineFailureException("cannot list the processes of " + name + ": " + e.getMessage(), e);
        }
        Map<Integer, String> users = hostUsers();
        StringBuilder text = new StringBuilder("UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n");
        for (ProcessInfo process : processes) {
            Duration cpu = process.cpuTime();
            text.append(users.getOrDefault(process.uid(), Integer.toString(process.uid()))).append('\t')
                    .append(process.pid()).append('\t').append(process.parentPid()).append("\t0\t")
                    .append(STIME.format(process.startedAt())).append('\t').append(process.terminal()).append('\t')
                    .append(String.format("%02d:%02d:%02d", cpu.toHours(), cpu.toMinutesPart(), cpu.toSecondsPart()))
                    .append('\t').append(String.join(" ", process.command())).append('\n');
        }
        StringBuilder aligned = new StringBuilder();
        TabWriter.DOCKER.align(text, aligned);
        streams.out().print(aligned);
        return 0;
    }

    /** User names from the host's /etc/passwd, as {@code ps} shows them. */
    private static Map<Integer, String> hostUsers() {
        Map<Integer, String> users = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 2) {
                    users.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Numbers then.
        }
        return users;
    }
}
