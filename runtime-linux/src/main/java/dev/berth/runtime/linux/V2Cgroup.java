package dev.berth.runtime.linux;

import dev.berth.spi.ContainerStats;
import dev.berth.spi.Resources;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A container's cgroup on v2. Device rules are not enforced here: v2 needs an eBPF program for them, which
 * berth does not load yet.
 *
 * @param directory the container's cgroup directory
 */
record V2Cgroup(Path directory) implements ContainerCgroup {

    @Override
    public void apply(Resources resources) throws RuntimeFailureException {
        if (resources.memoryBytes().isPresent()) {
            long memory = resources.memoryBytes().getAsLong();
            CgroupFiles.write(directory.resolve("memory.max"), Long.toString(memory));
            // v1 and Docker count swap together with memory; v2 counts swap alone.
            if (resources.memorySwapBytes().isPresent()) {
                CgroupFiles.write(directory.resolve("memory.swap.max"),
                        Long.toString(resources.memorySwapBytes().getAsLong() - memory));
            }
        }
        if (resources.cpuQuotaMicros().isPresent() || resources.cpuPeriodMicros().isPresent()) {
            String quota = resources.cpuQuotaMicros().isPresent() ? Long.toString(resources.cpuQuotaMicros().getAsLong()) : "max";
            CgroupFiles.write(directory.resolve("cpu.max"), quota + " " + resources.cpuPeriodMicros().orElse(100_000));
        }
        if (resources.cpuShares().isPresent()) {
            CgroupFiles.write(directory.resolve("cpu.weight"), Long.toString(weight(resources.cpuShares().getAsLong())));
        }
    }

    @Override
    public void limitPids(long max) throws RuntimeFailureException {
        CgroupFiles.write(directory.resolve("pids.max"), Long.toString(max));
    }

    /** v1 shares (2..262144) to a v2 weight (1..10000), the way runc and crun convert them. */
    static long weight(long shares) {
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(directory.resolve("cgroup.procs"));
    }

    @Override
    public List<Path> directories() {
        return List.of(directory);
    }

    @Override
    public Optional<Path> oomFile() {
        return Optional.of(directory.resolve("memory.events"));
    }

    @Override
    public List<Long> pids() throws RuntimeFailureException {
        return CgroupFiles.pids(directory.resolve("cgroup.procs"));
    }

    @Override
    public void freeze() throws RuntimeFailureException {
        CgroupFiles.write(directory.resolve("cgroup.freeze"), "1");
        CgroupFiles.awaitState(directory.resolve("cgroup.events"), "frozen 1", null, null);
    }

    @Override
    public void thaw() throws RuntimeFailureException {
        if (CgroupFiles.writeIfPresent(directory.resolve("cgroup.freeze"), "0")) {
            CgroupFiles.awaitState(directory.resolve("cgroup.events"), "frozen 0", null, null);
        }
    }

    @Override
    public boolean isFrozen() throws RuntimeFailureException {
        return CgroupFiles.readIfPresent(directory.resolve("cgroup.events"))
                .filter(events -> events.lines().anyMatch(line -> line.equals("frozen 1"))).isPresent();
    }

    @Override
    public boolean killAtOnce() throws RuntimeFailureException {
        Path kill = directory.resolve("cgroup.kill");
        if (!Files.exists(kill)) {
            return false;
        }
        CgroupFiles.write(kill, "1");
        return true;
    }

    @Override
    public boolean canFreeze() {
        return true;
    }

    @Override
    public ContainerStats stats() throws RuntimeFailureException {
        long usage = CgroupFiles.readLong(directory.resolve("memory.current"));
        long inactive = CgroupFiles.keyed(directory.resolve("memory.stat"), "inactive_file");
        return new ContainerStats(Instant.now(), CgroupFiles.keyed(directory.resolve("cpu.stat"), "usage_usec") * 1000,
                Math.max(0, usage - inactive), CgroupFiles.readLimit(directory.resolve("memory.max"), Long.MAX_VALUE),
                CgroupFiles.readLong(directory.resolve("pids.current")),
                CgroupFiles.readLimit(directory.resolve("pids.max"), Long.MAX_VALUE));
    }

    @Override
    public boolean remove() throws RuntimeFailureException {
        return CgroupFiles.removeDirectory(directory);
    }
}
