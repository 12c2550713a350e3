package dev.berth.bench;

import dev.berth.core.container.DefaultSpec;
import dev.berth.runtime.linux.LinuxRuntimeFactory;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.ContainerState;
import dev.berth.spi.MountSpec;
import dev.berth.spi.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * berth's side of bench/runtime.sh, in one warm JVM: containers of a busybox root file system (bound
 * read-only), with Docker's defaults (namespaces incl. an empty network, cgroups with the device rules, masks),
 * run through the runtime's API as berth runs them.
 *
 * <pre>
 *   cycle ROOTFS RUNS WORK   create + start + wait + delete of /bin/true, per run: what `crun run` does
 *   start ROOTFS RUNS WORK   create + start: from the runtime call (before the spec is written) to the command
 *                            running (start returns once execve succeeded)
 *   many  ROOTFS COUNT WORK  COUNT containers of `sleep 600` created and started one after another, left running;
 *                            total time, then the memory of their monitors (all that berth keeps running)
 *   clean WORK               kills and deletes every container under WORK
 * </pre>
 */
public final class RuntimeBench {

    private static final int WARMUP = 20;

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("clean")) {
            clean(Path.of(args[1]));
            return;
        }
        Path rootfs = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path work = Files.createDirectories(Path.of(args[3]));
        ContainerRuntime runtime = new LinuxRuntimeFactory().create(work.resolve("run"));
        switch (mode) {
            case "cycle", "start" -> timed(mode, runtime, rootfs, runs, work);
            case "many" -> many(runtime, rootfs, runs, work);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static RuntimeSpec spec(String id, Path rootfs, Path work, List<String> command) throws Exception {
        Path directory = Files.createDirectories(work.resolve("containers").resolve(id));
        return DefaultSpec.builder(List.of(MountSpec.bind(rootfs, true)), command, directory)
                .hostname(id.substring(Math.max(0, id.length() - 12)))
                .readOnlyRoot(true)
                .build();
    }

    private static void timed(String mode, ContainerRuntime runtime, Path rootfs, int runs, Path work) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARMUP + runs; i++) {
            String id = "b" + ProcessHandle.current().pid() + "-" + i;
            RuntimeSpec spec = spec(id, rootfs, work, List.of("/bin/true"));
            long start = System.nanoTime();
            runtime.create(id, spec);
            runtime.start(id);
            if (mode.equals("cycle")) {
                ContainerState state = runtime.awaitStop(id, Duration.ofSeconds(10));
                if (state.exitCode() != 0) {
                    throw new IllegalStateException("the container exited with " + state.exitCode());
                }
                runtime.delete(id);
            }
            long end = System.nanoTime();
            if (mode.equals("start")) {
                runtime.awaitStop(id, Duration.ofSeconds(10));
                runtime.delete(id);
            }
            if (i >= WARMUP) {
                millis.add((end - start) / 1e6);
            }
        }
        Collections.sort(millis);
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(millis.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / millis.size());
        System.out.printf("berth %-5s  mean %6.2f ms ± %5.2f   median %6.2f   min %6.2f   max %6.2f   (%d runs)%n", mode, mean,
                sd, millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), millis.size());
        if (mode.equals("cycle")) {
            millis.forEach(m -> System.out.printf("RUN %.3f%n", m));
        }
    }

    private static void many(ContainerRuntime runtime, Path rootfs, int count, Path work) throws Exception {
        List<Long> monitors = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "m" + ProcessHandle.current().pid() + "-" + i;
            ContainerState created = runtime.create(id, spec(id, rootfs, work, List.of("sleep", "600")));
            runtime.start(id);
            monitors.add(ProcessHandle.of(created.pid()).flatMap(ProcessHandle::parent).orElseThrow().pid());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rss = 0;
        long pss = 0;
        for (long monitor : monitors) {
            rss += kilobytes(Path.of("/proc", Long.toString(monitor), "status"), "VmRSS:");
            pss += kilobytes(Path.of("/proc", Long.toString(monitor), "smaps_rollup"), "Pss:");
        }
        System.out.printf("berth: %d containers started one after another in %.2f s (%.1f ms each)%n", count, seconds,
                seconds * 1000 / count);
        System.out.printf("berth: monitors, all berth keeps running: RSS %.1f MB in all (%.0f kB each), PSS %.1f MB in all "
                + "(%.0f kB each); no daemon%n", rss / 1024.0, (double) rss / count, pss / 1024.0, (double) pss / count);
    }

    private static long kilobytes(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
            }
        }
        throw new IOException("no " + key + " in " + file);
    }

    private static void clean(Path work) throws Exception {
        ContainerRuntime runtime = new LinuxRuntimeFactory().create(work.resolve("run"));
        Path containers = work.resolve("run").resolve("containers");
        if (!Files.isDirectory(containers)) {
            return;
        }
        try (Stream<Path> ids = Files.list(containers)) {
            for (Path id : ids.toList()) {
                String name = id.getFileName().toString();
                if (runtime.state(name).status() != ContainerState.Status.STOPPED) {
                    runtime.kill(name, 9, true);
                    runtime.awaitStop(name, Duration.ofSeconds(10));
                }
                runtime.delete(name);
            }
        }
    }
}
