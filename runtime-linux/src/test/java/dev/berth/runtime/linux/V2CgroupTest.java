package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.spi.ContainerStats;
import dev.berth.spi.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 writer against a copy of the unified hierarchy's file layout: this host has no v2
 * controllers, so the kernel's side (files appearing on mkdir, events changing) is played by the test.
 */
class V2CgroupTest {

    @TempDir
    Path root;
    V2CgroupLayout layout;

    @BeforeEach
    void hierarchy() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "memory\n");
        Files.createDirectories(root.resolve("berth"));
        Files.writeString(root.resolve("berth/cgroup.controllers"), "cpu io memory pids\n");
        Files.writeString(root.resolve("berth/cgroup.subtree_control"), "");
        layout = new V2CgroupLayout(root);
    }

    @Test
    void createEnablesTheControllersDownTheTreeAndWritesTheLimits() throws Exception {
        V2Cgroup cgroup = (V2Cgroup) layout.create("c1", new Resources(OptionalLong.of(64L << 20), OptionalLong.of(128L << 20),
                OptionalLong.of(100), OptionalLong.of(150_000), OptionalLong.of(100_000), OptionalLong.of(1024), List.of()));
        assertFalse(Files.exists(cgroup.directory().resolve("pids.max")), "the pids limit waits for the container's process");
        cgroup.limitPids(100);

        // Only what is not enabled yet is written, and only what the parent offers.
        assertEquals("+cpu +io +pids", Files.readString(root.resolve("cgroup.subtree_control")));
        assertEquals("+cpu +io +memory +pids", Files.readString(root.resolve("berth/cgroup.subtree_control")));
        Path dir = root.resolve("berth/c1");
        assertEquals(dir, cgroup.directory());
        assertEquals("67108864", Files.readString(dir.resolve("memory.max")));
        assertEquals("67108864", Files.readString(dir.resolve("memory.swap.max")), "v2 counts swap alone");
        assertEquals("100", Files.readString(dir.resolve("pids.max")));
        assertEquals("150000 100000", Files.readString(dir.resolve("cpu.max")));
        assertEquals("39", Files.readString(dir.resolve("cpu.weight")));
        assertEquals(List.of(dir.resolve("cgroup.procs")), cgroup.procsFiles());
        assertEquals(dir.resolve("memory.events"), cgroup.oomFile().orElseThrow());
    }

    @Test
    void monitorsLiveInALeafBesideTheContainers() throws Exception {
        assertEquals(List.of(root.resolve("berth/_monitors/cgroup.procs")), layout.monitors().procsFiles());
        assertTrue(Files.isDirectory(root.resolve("berth/_monitors")));
    }

    @Test
    void sharesConvertToWeightsAsRuncConvertsThem() {
        assertEquals(1, V2Cgroup.weight(2));
        assertEquals(39, V2Cgroup.weight(1024));
        assertEquals(10000, V2Cgroup.weight(262144));
    }

    @Test
    void noLimitWritesNoFile() throws Exception {
        layout.create("c2", Resources.none());
        try (var files = Files.list(root.resolve("berth/c2"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void freezeWritesCgroupFreezeAndWaitsForTheEvent() throws Exception {
        V2Cgroup cgroup = (V2Cgroup) layout.create("c3", Resources.none());
        Files.writeString(cgroup.directory().resolve("cgroup.events"), "populated 1\nfrozen 1\n");
        cgroup.freeze();
        assertEquals("1", Files.readString(cgroup.directory().resolve("cgroup.freeze")));
        assertTrue(cgroup.isFrozen());

        Files.writeString(cgroup.directory().resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        cgroup.thaw();
        assertEquals("0", Files.readString(cgroup.directory().resolve("cgroup.freeze")));
        assertFalse(cgroup.isFrozen());
    }

    @Test
    void sigkillOfAllUsesCgroupKill() throws Exception {
        V2Cgroup cgroup = (V2Cgroup) layout.create("c4", Resources.none());
        Files.writeString(cgroup.directory().resolve("cgroup.kill"), "");
        cgroup.killAll(Signals.SIGKILL);
        assertEquals("1", Files.readString(cgroup.directory().resolve("cgroup.kill")));
    }

    @Test
    void statsReadUsageWithoutInactiveFileCache() throws Exception {
        V2Cgroup cgroup = (V2Cgroup) layout.create("c5", Resources.none());
        Path dir = cgroup.directory();
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n");
        Files.writeString(dir.resolve("memory.current"), "10485760\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 4096\nfile 8192\ninactive_file 1048576\n");
        Files.writeString(dir.resolve("memory.max"), "max\n");
        Files.writeString(dir.resolve("pids.current"), "3\n");
        Files.writeString(dir.resolve("pids.max"), "64\n");

        ContainerStats stats = cgroup.stats();
        assertEquals(2_500_000, stats.cpuNanos());
        assertEquals(9437184, stats.memoryBytes());
        assertEquals(OptionalLong.empty(), stats.memoryLimit());
        assertEquals(3, stats.pids());
        assertEquals(OptionalLong.of(64), stats.pidsLimit());
    }

    @Test
    void removeDeletesTheDirectory() throws Exception {
        V2Cgroup cgroup = (V2Cgroup) layout.create("c6", Resources.none());
        assertTrue(cgroup.remove());
        assertFalse(Files.exists(cgroup.directory()));
        assertTrue(cgroup.remove(), "a missing cgroup is removed already");
    }
}
