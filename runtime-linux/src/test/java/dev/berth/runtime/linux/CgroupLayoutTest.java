package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutTest {

    @TempDir
    Path temp;

    private CgroupLayout detect(String mountinfo) throws Exception {
        return CgroupLayout.detect(Files.writeString(temp.resolve("mountinfo"), mountinfo));
    }

    @Test
    void theHybridLayoutUsesTheV1Controllers() throws Exception {
        CgroupLayout layout = detect(String.join("\n",
                "25 30 0:22 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "26 25 0:23 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                "27 25 0:24 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct",
                "28 25 0:25 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset",
                "29 25 0:26 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "31 25 0:28 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
                "32 25 0:29 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
                "33 25 0:30 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw", ""));
        V1CgroupLayout v1 = assertInstanceOf(V1CgroupLayout.class, layout);
        assertEquals(Map.of("cpu", Path.of("/sys/fs/cgroup/cpu"), "cpuacct", Path.of("/sys/fs/cgroup/cpuacct"),
                "memory", Path.of("/sys/fs/cgroup/memory"), "pids", Path.of("/sys/fs/cgroup/pids")), v1.controllers());
        assertEquals(Path.of("/sys/fs/cgroup/memory/berth/abc/memory.oom_control"), layout.find("abc").oomFile().orElseThrow());
    }

    @Test
    void coMountedControllersShareOneDirectory() throws Exception {
        CgroupLayout layout = detect("26 25 0:23 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
                + "29 25 0:26 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer\n");
        assertEquals(List.of(Path.of("/sys/fs/cgroup/cpu,cpuacct/berth/x/cgroup.procs"),
                Path.of("/sys/fs/cgroup/freezer/berth/x/cgroup.procs")), layout.find("x").procsFiles());
    }

    @Test
    void cgroup2AtTheRootIsTheUnifiedLayout() throws Exception {
        CgroupLayout layout = detect("35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n");
        assertEquals(new V2CgroupLayout(Path.of("/sys/fs/cgroup")), layout);
    }

    @Test
    void noCgroupAtAllIsAClearError() {
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> detect("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"));
        assertEquals("no cgroup hierarchy is mounted under /sys/fs/cgroup: berth needs cgroups to run containers", e.getMessage());
    }
}
