package dev.berth.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupModeTest {

    @TempDir
    Path dir;

    private CgroupMode detect(String mountinfo) throws Exception {
        return CgroupMode.detect(Files.writeString(dir.resolve("mountinfo"), mountinfo));
    }

    @Test
    void unified() throws Exception {
        assertEquals(CgroupMode.UNIFIED, detect(
                "22 1 0:21 / / rw - ext4 /dev/vda rw\n"
                + "35 24 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"));
    }

    @Test
    void hybrid() throws Exception {
        assertEquals(CgroupMode.HYBRID, detect(
                "25 24 0:22 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
                + "26 25 0:23 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
                + "27 25 0:24 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"));
    }

    @Test
    void legacy() throws Exception {
        assertEquals(CgroupMode.LEGACY, detect(
                "25 24 0:22 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
                + "26 25 0:23 / /sys/fs/cgroup/memory rw shared:9 - cgroup cgroup rw,memory\n"));
        assertEquals(1, CgroupMode.HYBRID.version());
        assertEquals(2, CgroupMode.UNIFIED.version());
    }
}
