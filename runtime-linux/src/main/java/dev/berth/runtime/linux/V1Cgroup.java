package dev.berth.runtime.linux;

import dev.berth.spi.ContainerStats;
import dev.berth.spi.DeviceRule;
import dev.berth.spi.Resources;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroup on v1: a directory per hierarchy.
 *
 * @param controllers each controller's directory for the container (co-mounted controllers share one)
 */
record V1Cgroup(Map<String, Path> controllers) implements ContainerCgroup {

    /** v1 reports "no limit" as the largest page-aligned number; anything this large is no limit. */
    private static final long UNLIMITED_FROM = 1L << 62;

    V1Cgroup {
        controllers = Map.copyOf(controllers);
    }

    @Override
    public void apply(Resources resources) throws RuntimeFailureException {
        if (resources.memoryBytes().isPresent()) {
            Path memory = require("memory");
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(resources.memoryBytes().getAsLong()));
            Path swap = memory.resolve("memory.memsw.limit_in_bytes");
            // Without swap accounting the kernel has no memsw file, and Docker ignores the swap limit too.
            if (resources.memorySwapBytes().isPresent() && Files.exists(swap)) {
                CgroupFiles.write(swap, Long.toString(resources.memorySwapBytes().getAsLong()));
            }
        }
        if (resources.cpuQuotaMicros().isPresent() || resources.cpuPeriodMicros().isPresent()) {
            Path cpu = require("cpu");
            CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(resources.cpuPeriodMicros().orElse(100_000)));
            if (resources.cpuQuotaMicros().isPresent()) {
                CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(resources.cpuQuotaMicros().getAsLong()));
            }
        }
        if (resources.cpuShares().isPresent()) {
            CgroupFiles.write(require("cpu").resolve("cpu.shares"), Long.toString(resources.cpuShares().getAsLong()));
        }
        if (!resources.devices().isEmpty()) {
            Path devices = require("devices");
            CgroupFiles.write(devices.resolve("devices.deny"), "a");
            for (DeviceRule rule : resources.devices()) {
                CgroupFiles.write(devices.resolve(rule.allow() ? "devices.allow" : "devices.deny"), rule.toCgroupLine());
            }
        }
    }

    @Override
    public void limitPids(long max) throws RuntimeFailureException {
        CgroupFiles.write(require("pids").resolve("pids.max"), Long.toString(max));
    }

    private Path require(String controller) throws RuntimeFailureException {
        Path directory = controllers.get(controller);
        if (directory == null) {
            throw new RuntimeFailureException("the " + controller + " cgroup controller is not mounted: this "
                    + "limit cannot be enforced on this host");
        }
        return directory;
    }

    @Override
    public List<Path> procsFiles() {
        return directories().stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    public List<Path> directories() {
        return controllers.values().stream().distinct().sorted().toList();
    }

    @Override
    public Optional<Path> oomFile() {
        return Optional.ofNullable(controllers.get("memory")).map(d -> d.resolve("memory.oom_control"));
    }

    @Override
    public List<Long> pids() throws RuntimeFailureException {
        return CgroupFiles.pids(directories().get(0).resolve("cgroup.procs"));
    }

    @Override
    public void freeze() throws RuntimeFailureException {
        Path state = require("freezer").resolve("freezer.state");
        CgroupFiles.write(state, "FROZEN");
        CgroupFiles.awaitState(state, "FROZEN", state, "FROZEN");
    }

    @Override
    public void thaw() throws RuntimeFailureException {
        Path state = require("freezer").resolve("freezer.state");
        if (CgroupFiles.writeIfPresent(state, "THAWED")) {
            CgroupFiles.awaitState(state, "THAWED", null, null);
        }
    }

    @Override
    public boolean isFrozen() throws RuntimeFailureException {
        Path freezer = controllers.get("freezer");
        return freezer != null && CgroupFiles.readIfPresent(freezer.resolve("freezer.state"))
                .filter(state -> !state.equals("THAWED")).isPresent();
    }

    @Override
    public boolean killAtOnce() {
        return false;
    }

    @Override
    public boolean canFreeze() {
        return controllers.containsKey("freezer");
    }

    @Override
    public ContainerStats stats() throws RuntimeFailureException {
        Path memory = require("memory");
        Path pids = require("pids");
        long usage = CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes"));
        long inactive = CgroupFiles.keyed(memory.resolve("memory.stat"), "total_inactive_file");
        return new ContainerStats(Instant.now(), CgroupFiles.readLong(require("cpuacct").resolve("cpuacct.usage")),
                Math.max(0, usage - inactive), CgroupFiles.readLimit(memory.resolve("memory.limit_in_bytes"), UNLIMITED_FROM),
                CgroupFiles.readLong(pids.resolve("pids.current")),
                CgroupFiles.readLimit(pids.resolve("pids.max"), UNLIMITED_FROM));
    }

    @Override
    public boolean remove() throws RuntimeFailureException {
        boolean removed = true;
        for (Path directory : directories()) {
            removed &= CgroupFiles.removeDirectory(directory);
        }
        return removed;
    }
}
