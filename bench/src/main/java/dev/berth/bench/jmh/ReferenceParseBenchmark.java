package dev.berth.bench.jmh;

import dev.berth.core.image.ImageReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link ImageReference#parse} of the names users type: official, tagged, with a registry and port, by digest. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReferenceParseBenchmark {

    @Param({"busybox", "bb:1", "localhost:5000/team/app:v1.2.3", "ghcr.io/owner/project/component:2026.11-rc1",
            "docker.io/library/debian@sha256:4d0a5a1ed3d4a0c1f5e3d4b1f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5"})
    public String name;

    @Benchmark
    public ImageReference parse() throws Exception {
        return ImageReference.parse(name);
    }
}
