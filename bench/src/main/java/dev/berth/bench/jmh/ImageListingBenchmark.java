package dev.berth.bench.jmh;

import dev.berth.cli.command.image.ImagesCommand;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.cli.format.Truncation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code berth images} with 100 images, formatting only: the listing's {@code --format} parsed and 100 rows
 * rendered, as Docker's default table and as {@code --format json}. The rows hold every field the command puts
 * in them, formatted by the same helpers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImageListingBenchmark {

    private final List<Map<String, Object>> rows = new ArrayList<>();

    @Setup
    public void rows() {
        SplittableRandom random = new SplittableRandom(3);
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        for (int i = 0; i < 100; i++) {
            Instant created = now.minus(Duration.ofMinutes(random.nextLong(1, 60L * 24 * 400)));
            long size = random.nextLong(1_000, 900_000_000);
            String id = String.format("sha256:%064x", random.nextLong(Long.MAX_VALUE));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Containers", "N/A");
            row.put("CreatedAt", Times.createdAt(created));
            row.put("CreatedSince", Times.ago(created, now));
            row.put("Digest", "<none>");
            row.put("ID", Truncation.id(id));
            row.put("Repository", i % 10 == 0 ? "<none>" : "registry.example.com/team/app-" + i);
            row.put("SharedSize", "N/A");
            row.put("Size", Sizes.human(size));
            row.put("Tag", i % 10 == 0 ? "<none>" : "v1." + i);
            row.put("UniqueSize", "N/A");
            row.put("VirtualSize", Sizes.human(size, 4));
            rows.add(row);
        }
    }

    @Benchmark
    public String table() throws Exception {
        return ImagesCommand.IMAGES.format("", false).render(rows);
    }

    @Benchmark
    public String json() throws Exception {
        return ImagesCommand.IMAGES.format("json", false).render(rows);
    }
}
