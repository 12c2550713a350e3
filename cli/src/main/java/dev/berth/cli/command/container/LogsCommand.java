package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerLogs;
import dev.berth.core.container.ContainerStore;
import dev.berth.core.model.Timestamps;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs [-f] [--tail N] [-t] [--since T]}: the container's json-file log. */
@Command(name = "logs", description = "Fetch the logs of a container")
public final class LogsCommand implements Callable<Integer> {

    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since;

    @Parameters(paramLabel = "CONTAINER", description = "The container")
    String name;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerStore> store;

    @Inject
    LogsCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerStore> store) {
        this.streams = streams;
        this.engine = engine;
        this.store = store;
    }

    @Override
    public Integer call() throws BerthException {
        Container container = engine.get().resolve(name);
        Optional<Integer> lines = Optional.empty();
        if (!tail.equals("all")) {
            try {
                lines = Optional.of(Math.max(0, Integer.parseInt(tail)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("invalid value for \"tail\": \"" + tail + "\"");
            }
        }
        ContainerLogs.read(store.get().directory(container.id()).resolve(container.id().hex() + "-json.log"), lines,
                sinceInstant(), follow, () -> isRunning(container), entry -> {
                    PrintStream out = entry.isStderr() ? streams.err() : streams.out();
                    if (timestamps) {
                        out.print(Timestamps.format(entry.time()) + " ");
                    }
                    out.print(entry.text());
                    out.flush();
                });
        return 0;
    }

    private boolean isRunning(Container container) {
        try {
            return engine.get().refresh(store.get().get(container.id()).orElse(container)).state().running();
        } catch (BerthException e) {
            return false;
        }
    }

    private Optional<Instant> sinceInstant() throws InvalidInputException {
        if (since == null || since.isEmpty()) {
            return Optional.empty();
        }
        Matcher relative = RELATIVE.matcher(since);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration duration = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Optional.of(Instant.now().minus(duration));
        }
        if (since.matches("\\d+(\\.\\d+)?")) {
            return Optional.of(Instant.ofEpochMilli((long) (Double.parseDouble(since) * 1000)));
        }
        return Optional.of(Timestamps.parse(since).orElseThrow(() -> new InvalidInputException(
                "invalid value for \"since\": \"" + since + "\": use RFC 3339 time, a Unix timestamp or a duration like 10m")));
    }
}
