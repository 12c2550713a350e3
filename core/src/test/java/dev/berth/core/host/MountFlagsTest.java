package dev.berth.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountFlagsTest {

    @Test
    void flagsAndDataAreSeparated() {
        MountFlags parsed = MountFlags.parse(List.of("ro", "nodev", "lowerdir=a:b", "upperdir=u"));
        assertEquals(MountFlags.MS_RDONLY | 4L, parsed.flags());
        assertEquals("lowerdir=a:b,upperdir=u", parsed.data());
    }

    @Test
    void rbindIsARecursiveBindAndRwClearsRo() {
        MountFlags parsed = MountFlags.parse(List.of("ro", "rbind", "rw"));
        assertTrue(parsed.isBind());
        assertEquals(MountFlags.MS_BIND | MountFlags.MS_REC, parsed.flags());
    }
}
