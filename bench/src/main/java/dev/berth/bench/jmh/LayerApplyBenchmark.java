package dev.berth.bench.jmh;

import dev.berth.core.archive.AppliedLayer;
import dev.berth.core.archive.LayerApplier;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.host.FileTrees;
import dev.berth.spi.LayerFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link LayerApplier#apply} of a generated layer (about 19 MB of files, shaped like a distribution's: mostly
 * small files in nested directories, symlinks, hard links) into an empty directory, from memory, so that the
 * figure is the extraction's own: tar parsing, path checks, file creation and writes, metadata. Runs without
 * root in both layouts (ownership is then left alone, as berth does for a non-root user).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LayerApplyBenchmark {

    static final int FILES = 2000;

    @Param({"FULL_TREE", "OVERLAY_CHANGES"})
    public LayerFiles.Layout layout;

    @Param({"none", "gzip"})
    public String compression;

    private byte[] archive;
    private Path scratch;
    private Path target;
    private int invocation;

    @Setup(Level.Trial)
    public void makeLayer() throws Exception {
        byte[] tar = layerTar();
        archive = compression.equals("gzip") ? gzip(tar) : tar;
        scratch = Files.createTempDirectory("berth-jmh-apply");
        System.out.printf("%n(layer: %d entries, %.1f MB as a tar, %.1f MB as applied)%n", entries(), tar.length / 1e6,
                archive.length / 1e6);
    }

    @Setup(Level.Invocation)
    public void emptyTarget() throws Exception {
        target = Files.createDirectory(scratch.resolve(Integer.toString(invocation++)));
    }

    @Benchmark
    public AppliedLayer apply() throws Exception {
        return new LayerApplier().apply(new ByteArrayInputStream(archive), new LayerFiles(target, layout));
    }

    @TearDown(Level.Invocation)
    public void deleteTarget() throws Exception {
        FileTrees.delete(target);
    }

    @TearDown(Level.Trial)
    public void deleteScratch() throws Exception {
        FileTrees.delete(scratch);
    }

    private static int entries() {
        return FILES + FILES / 20 + FILES / 8 + FILES / 50;
    }

    /**
     * {@link #FILES} files of 512 B to 32 KB (9 KB on average) in directories three deep, with a symlink for one
     * file in 8 and a hard link for one in 50; the bytes are random letters, which gzip shrinks about as much as
     * it shrinks binaries.
     */
    static byte[] layerTar() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes; TarWriter tar = new TarWriter(out)) {
            for (int i = 0; i < FILES; i++) {
                String directory = "usr/share/d" + i / 400 + "/s" + i / 20;
                if (i % 20 == 0) {
                    tar.write(entry(directory, TarEntry.DIRECTORY, 0755, 0, ""), InputStream.nullInputStream());
                }
                byte[] content = new byte[512 << random.nextInt(7)];
                for (int j = 0; j < content.length; j++) {
                    content[j] = (byte) ('a' + random.nextInt(26));
                }
                String file = directory + "/f" + i;
                tar.write(entry(file, TarEntry.FILE, i % 10 == 0 ? 0755 : 0644, content.length, ""),
                        new ByteArrayInputStream(content));
                if (i % 8 == 0) {
                    tar.write(entry(file + ".link", TarEntry.SYMLINK, 0777, 0, "f" + i), InputStream.nullInputStream());
                }
                if (i % 50 == 0) {
                    tar.write(entry(file + ".hard", TarEntry.HARD_LINK, 0644, 0, file), InputStream.nullInputStream());
                }
            }
        }
        return bytes.toByteArray();
    }

    private static TarEntry entry(String name, char type, int mode, long size, String link) {
        return new TarEntry(name, type, mode, 0, 0, size, 1_700_000_000L, link, 0, 0, Map.of());
    }

    private static byte[] gzip(byte[] tar) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            out.write(tar);
        }
        return bytes.toByteArray();
    }
}
