package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.spi.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits enforced by the host's real cgroups (v1 here: the hybrid layout). */
class CgroupIT extends ContainersTest {

    CgroupLayout layout;

    @BeforeEach
    void detectLayout() throws Exception {
        layout = CgroupLayout.detect(Path.of("/proc/self/mountinfo"));
    }

    @Test
    void aProcessAllocatingPastTheMemoryLimitIsKilledAndTheContainerExits137OomKilled() throws Exception {
        String id = containers.newId();
        // dd's 64 MiB buffer cannot fit in 16 MiB.
        Containers.Run run = containers.run(containers.spec(id, "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1")
                .memory(16L << 20), id);

        assertEquals(137, run.exitCode());
        assertTrue(run.state().oomKilled());
    }

    @Test
    void aContainerWithinItsLimitIsNotOomKilled() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "dd", "if=/dev/zero", "of=/dev/null", "bs=1M", "count=4")
                .memory(32L << 20), id);
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(run.state().oomKilled());
    }

    @Test
    void aForkBombStopsAtThePidsLimit() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c",
                "bomb() { bomb | bomb & }; bomb; sleep 600").pidsLimit(32)));
        containers.runtime.start(id);
        ContainerCgroup cgroup = layout.find(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long failed = 0;
        Path events = ((V1Cgroup) cgroup).controllers().get("pids").resolve("pids.events");
        while (failed == 0 && System.nanoTime() < deadline) {
            failed = CgroupFiles.keyed(events, "max");
            Thread.sleep(10);
        }
        assertTrue(failed > 0, "forks were refused at the limit");
        assertTrue(containers.runtime.stats(id).pids() <= 32);

        // The host stays in control: everything dies at once.
        containers.runtime.kill(id, Signals.SIGKILL, true);
        assertEquals(ContainerState.Status.STOPPED, containers.runtime.awaitStop(id, Duration.ofSeconds(10)).status());
    }

    @Test
    void cpusAndSharesAreWrittenToTheCpuController() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600").cpus(1.5).cpuShares(512)));
        Path cpu = ((V1Cgroup) layout.find(id)).controllers().get("cpu");

        assertEquals("150000", CgroupFiles.read(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("100000", CgroupFiles.read(cpu.resolve("cpu.cfs_period_us")));
        assertEquals("512", CgroupFiles.read(cpu.resolve("cpu.shares")));
    }

    @Test
    void theDeviceCgroupRefusesDevicesOutsideDockersList() throws Exception {
        String id = containers.newId();
        // MKNOD is a default capability: the device cgroup is what keeps the host's disks out of reach.
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "mknod /tmp/mem c 1 1 && head -c 1 /tmp/mem > /dev/null 2>&1 || echo refused; echo x > /dev/null && echo null-ok"), id);
        assertEquals("refused\nnull-ok\n", run.stdout());
    }

    @Test
    void theCgroupIsRemovedWithTheContainer() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "true").memory(64L << 20)));
        ContainerCgroup cgroup = layout.find(id);
        assertTrue(cgroup.directories().stream().allMatch(Files::isDirectory));

        containers.runtime.start(id);
        containers.runtime.awaitStop(id, Duration.ofSeconds(10));
        containers.runtime.delete(id);

        assertTrue(cgroup.directories().stream().noneMatch(Files::exists), cgroup.directories().toString());
    }

    @Test
    void deletingARunningContainerIsRefused() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        containers.runtime.start(id);

        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.berth.spi.RuntimeFailureException.class,
                () -> containers.runtime.delete(id));
        assertEquals("container " + id + " is running: stop it before deleting it", e.getMessage());
        assertEquals(ContainerState.Status.RUNNING, containers.runtime.state(id).status());
    }
}
