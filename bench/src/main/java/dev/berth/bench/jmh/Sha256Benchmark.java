package dev.berth.bench.jmh;

import dev.berth.core.archive.VerifyingInputStream;
import dev.berth.core.model.Digest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sha256 of a 64 MiB buffer, the way berth streams its data. One operation is one MiB, so the score in ops/s
 * reads as MiB/s. {@code update} is the floor (one {@link MessageDigest} call on the whole buffer);
 * {@code layerStream} is how {@code LayerApplier} computes a diff ID while it extracts (a
 * {@link DigestInputStream} under a 256 KiB {@link BufferedInputStream}, read in 64 KiB pieces);
 * {@code verifyingStream} is how a pulled or loaded blob is checked ({@link VerifyingInputStream}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Sha256Benchmark {

    private static final int MIB = 64;

    private byte[] data;
    private Digest expected;
    private final byte[] buffer = new byte[1 << 16];

    @Setup
    public void fill() {
        data = new byte[MIB << 20];
        new SplittableRandom(1).nextBytes(data);
        expected = Digest.of(data);
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public Digest update() {
        MessageDigest sha256 = Digest.sha256();
        sha256.update(data);
        return Digest.of(sha256);
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public Digest layerStream() throws Exception {
        MessageDigest sha256 = Digest.sha256();
        try (InputStream in = new BufferedInputStream(new DigestInputStream(new ByteArrayInputStream(data), sha256),
                1 << 18)) {
            drain(in);
        }
        return Digest.of(sha256);
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long verifyingStream() throws Exception {
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(data), expected, data.length, "bench")) {
            return drain(in);
        }
    }

    private long drain(InputStream in) throws Exception {
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }
}
