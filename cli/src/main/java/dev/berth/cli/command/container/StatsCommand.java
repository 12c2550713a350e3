package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Listing;
import dev.berth.cli.format.ListingFormat;
import dev.berth.cli.format.Sizes;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.host.HostInfo;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ContainerStats;
import dev.berth.spi.RuntimeFailureException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats --no-stream}: CPU %, memory usage / limit and PIDs from each container's cgroup, from two
 * samples half a second apart (Docker compares each sample with the one before it).
 */
@Command(name = "stats", description = "Display a snapshot of containers' resource usage statistics")
public final class StatsCommand implements Callable<Integer> {

    static final Listing STATS = Listing.of("*formatter.statsContext",
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}",
            Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Container", "CONTAINER"),
                    Map.entry("Name", "NAME"), Map.entry("CPUPerc", "CPU %"), Map.entry("MemUsage", "MEM USAGE / LIMIT"),
                    Map.entry("MemPerc", "MEM %"), Map.entry("NetIO", "NET I/O"), Map.entry("BlockIO", "BLOCK I/O"),
                    Map.entry("PIDs", "PIDS")));
    private static final Duration INTERVAL = Duration.ofMillis(500);

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    @Parameters(paramLabel = "CONTAINER", arity = "0..*", description = "The containers (default: all running)")
    List<String> names = new ArrayList<>();

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerRuntime> runtime;

    @Inject
    StatsCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerRuntime> runtime) {
        this.streams = streams;
        this.engine = engine;
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws BerthException, IOException, InterruptedException {
        ListingFormat output = STATS.format(format, false);
        List<Container> containers = new ArrayList<>();
        if (names.isEmpty()) {
            for (Container container : engine.get().list()) {
                if (all || container.state().running()) {
                    containers.add(container);
                }
            }
        } else {
            for (String name : names) {
                containers.add(engine.get().resolve(name));
            }
        }
        long hostMemory = HostInfo.read().totalMemory();
        int cpus = Runtime.getRuntime().availableProcessors();
        do {
            Map<String, ContainerStats> first = sample(containers);
            Thread.sleep(INTERVAL.toMillis());
            Map<String, ContainerStats> second = sample(containers);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Container container : containers) {
                rows.add(row(container, first.get(container.id().hex()), second.get(container.id().hex()), hostMemory,
                        cpus));
            }
            if (!noStream) {
                streams.out().print("\u001b[2J\u001b[H");
            }
            streams.out().print(output.render(rows));
            streams.out().flush();
        } while (!noStream);
        return 0;
    }

    private Map<String, ContainerStats> sample(List<Container> containers) throws EngineFailureException {
        Map<String, ContainerStats> samples = new LinkedHashMap<>();
        for (Container container : containers) {
            if (container.state().running()) {
                try {
                    samples.put(container.id().hex(), runtime.get().stats(container.id().hex()));
                } catch (RuntimeFailureException e) {
                    // It stopped between the listing and the sample: shown with zeros, as Docker shows it.
                }
            }
        }
        return samples;
    }

    private Map<String, Object> row(Container container, ContainerStats first, ContainerStats second, long hostMemory,
                                    int cpus) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", noTrunc ? container.id().hex() : container.id().shortId());
        row.put("Container", container.name().value());
        row.put("Name", container.name().value());
        if (first == null || second == null) {
            row.put("CPUPerc", "0.00%");
            row.put("MemUsage", "0B / 0B");
            row.put("MemPerc", "0.00%");
            row.put("PIDs", "0");
        } else {
            double wall = Duration.between(first.readAt(), second.readAt()).toNanos();
            double cpu = wall > 0 ? (second.cpuNanos() - first.cpuNanos()) / wall * 100.0 : 0;
            long limit = second.memoryLimit().orElse(hostMemory);
            row.put("CPUPerc", String.format("%.2f%%", Math.min(cpu, cpus * 100.0)));
            row.put("MemUsage", Sizes.binary(second.memoryBytes()) + " / " + Sizes.binary(limit));
            row.put("MemPerc", String.format("%.2f%%", limit > 0 ? second.memoryBytes() * 100.0 / limit : 0));
            row.put("PIDs", Long.toString(second.pids()));
        }
        // berth's containers have no network of their own and their block I/O is not sampled.
        row.put("NetIO", "--");
        row.put("BlockIO", "--");
        return row;
    }
}
