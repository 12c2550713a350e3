package dev.berth.bench;

import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.FileTrees;
import dev.berth.core.host.HostDriverContext;
import dev.berth.core.host.Mounter;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.layer.WritableLayer;
import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.storage.overlay.OverlayDriverFactory;
import dev.berth.storage.vfs.VfsDriverFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Storage figures measured inside the JVM (see bench/README.md):
 * {@code prepare <driver> <MB> <runs> <work dir>}: median time to prepare a container's root file system
 * (create the writable layer, mount its described mounts, unmount) on an image of that size;
 * {@code apply <driver> <tar> <runs> <work dir>}: median time and throughput of registering a layer tar.
 */
public final class StorageBench {

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        StorageDriverFactory factory = args[1].equals("vfs") ? new VfsDriverFactory() : new OverlayDriverFactory();
        int runs = Integer.parseInt(args[3]);
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(args[4])), "bench-");
        try {
            LayerStore store = open(factory, work);
            if (mode.equals("prepare")) {
                prepare(store, Integer.parseInt(args[2]), runs, factory.name());
            } else {
                apply(store, Path.of(args[2]), runs, factory.name());
            }
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void prepare(LayerStore store, int megabytes, int runs, String driver) throws Exception {
        ImageLayer image = store.register(new ByteArrayInputStream(randomTree(megabytes)), Optional.empty(),
                Optional.empty(), "image:bench");
        Path mountPoint = Files.createTempDirectory("berth-bench-root");
        Mounter mounter = new Mounter();
        long[] nanos = new long[runs];
        for (int i = -3; i < runs; i++) {
            long start = System.nanoTime();
            WritableLayer layer = store.createWritable("bench-" + (i + 3), Optional.of(image.chainId()));
            mounter.mount(store.mounts(layer), mountPoint);
            mounter.unmount(mountPoint);
            long elapsed = System.nanoTime() - start;
            store.removeWritable(layer.containerId());
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        Files.delete(mountPoint);
        System.out.printf("prepare %s %dMB median %.2f ms (min %.2f, %d runs)%n", driver, megabytes,
                median(nanos) / 1e6, Arrays.stream(nanos).min().orElse(0) / 1e6, runs);
    }

    private static void apply(LayerStore store, Path tar, int runs, String driver) throws Exception {
        long bytes = Files.size(tar);
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            // As tar -x is measured (hyperfine's --prepare "rm -rf … && sync"): no writeback of the previous
            // run's files or of their removal is left to slow this one down.
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            long start = System.nanoTime();
            ImageLayer layer;
            try (InputStream in = Files.newInputStream(tar)) {
                layer = store.register(in, Optional.empty(), Optional.empty(), "image:bench");
            }
            nanos[i] = System.nanoTime() - start;
            store.release(layer.chainId(), "image:bench");
        }
        double seconds = median(nanos) / 1e9;
        System.out.printf("apply %s %.1fMB median %.3f s = %.1f MB/s (%d runs)%n", driver, bytes / 1e6, seconds,
                bytes / 1e6 / seconds, runs);
    }

    private static LayerStore open(StorageDriverFactory factory, Path work) throws Exception {
        Path run = Files.createDirectories(work.resolve("exec/storage/" + factory.name()));
        DriverContext context = new HostDriverContext(run, new Mounter(), new FileSystemProbe());
        return LayerStore.open(factory.create(work.resolve("data/storage/" + factory.name()), Map.of(), context),
                factory.name(), work.resolve("data"), work.resolve("exec"), new Mounter(), System.err::println);
    }

    /** An image layer of 64 KiB random files in directories of 64, {@code megabytes} in all. */
    private static byte[] randomTree(int megabytes) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(7);
        byte[] content = new byte[64 * 1024];
        try (OutputStream out = bytes; TarWriter tar = new TarWriter(out)) {
            for (int i = 0; i < megabytes * 16; i++) {
                if (i % 64 == 0) {
                    tar.write(new TarEntry("d" + i / 64, TarEntry.DIRECTORY, 0755, 0, 0, 0, 0, "", 0, 0, Map.of()),
                            InputStream.nullInputStream());
                }
                for (int j = 0; j < content.length; j++) {
                    content[j] = (byte) random.nextInt();
                }
                tar.write(new TarEntry("d" + i / 64 + "/f" + i, TarEntry.FILE, 0644, 0, 0, content.length, 0, "", 0,
                        0, Map.of()), new ByteArrayInputStream(content));
            }
        }
        return bytes.toByteArray();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
