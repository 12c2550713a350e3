package dev.berth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validating factories of the runtime spec's records. */
class RuntimeSpecRecordsTest {

    @Test
    void capabilitiesParseAsDockerNamesThemAndNumberAsTheKernelDoes() {
        assertEquals(Capability.NET_ADMIN, Capability.parse("cap_net_admin"));
        assertEquals(Capability.SYS_ADMIN, Capability.parse("SYS_ADMIN"));
        assertEquals(0, Capability.CHOWN.number());
        assertEquals(21, Capability.SYS_ADMIN.number());
        assertEquals(40, Capability.CHECKPOINT_RESTORE.number());
        assertEquals("unknown capability: \"nope\"", assertThrows(IllegalArgumentException.class,
                () -> Capability.parse("nope")).getMessage());
    }

    @Test
    void capabilitySetsMustBeConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(Set.of(), Set.of(Capability.KILL), Set.of(),
                Set.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(Set.of(), Set.of(), Set.of(Capability.KILL),
                Set.of(), Set.of(Capability.KILL)));
    }

    @Test
    void ulimitsParseAsDockerWritesThem() {
        assertEquals(new Rlimit(Rlimit.Type.NOFILE, 1024, 2048), Rlimit.parse("nofile=1024:2048"));
        assertEquals(new Rlimit(Rlimit.Type.NPROC, 512, 512), Rlimit.parse("nproc=512"));
        assertEquals(new Rlimit(Rlimit.Type.CORE, -1, -1), Rlimit.parse("core=-1"));
        assertEquals(7, Rlimit.Type.NOFILE.number());
        assertEquals("invalid ulimit type: files", assertThrows(IllegalArgumentException.class,
                () -> Rlimit.parse("files=1")).getMessage());
        assertEquals("the soft limit of nofile (10) is above its hard limit (5)",
                assertThrows(IllegalArgumentException.class, () -> Rlimit.parse("nofile=10:5")).getMessage());
    }

    @Test
    void containerPathsMustBeAbsoluteAndNormalised() {
        ContainerMount.requireContainerPath("/a/b");
        for (String bad : List.of("a", "/a/../b", "/a//b", "/a/./b", "/a/")) {
            assertThrows(IllegalArgumentException.class, () -> ContainerMount.requireContainerPath(bad), bad);
        }
    }

    @Test
    void deviceRulesPrintAsCgroupV1Lines() {
        assertEquals("c 1:3 rwm", DeviceRule.allow('c', 1, 3, "rwm").toCgroupLine());
        assertEquals("b *:* m", DeviceRule.allow('b', DeviceRule.ANY, DeviceRule.ANY, "m").toCgroupLine());
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.allow('x', 1, 1, "r"));
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.allow('c', 1, 1, "rx"));
    }

    @Test
    void deniedSyscallsTestAnArgumentWithA32BitMask() {
        assertEquals(OptionalInt.of(0), DeniedSyscall.withFlags("unshare", 0, 0x10000000).flagsArgument());
        assertThrows(IllegalArgumentException.class, () -> DeniedSyscall.withFlags("clone", 6, 1));
        assertThrows(IllegalArgumentException.class, () -> DeniedSyscall.withFlags("clone", 0, 1L << 40));
        assertThrows(IllegalArgumentException.class, () -> DeniedSyscall.always("bpf", 0));
    }

    @Test
    void resourcesRefuseImpossibleLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Resources(OptionalLong.of(100), OptionalLong.of(50),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Resources(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(5), OptionalLong.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Resources(OptionalLong.of(0), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of()));
    }

    @Test
    void aProcessNeedsACommandAndCleanValues() {
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(List.of(), List.of(), "/"));
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(List.of("sh"), List.of("NOEQUALS"), "/"));
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(List.of("a\0b"), List.of(), "/"));
    }
}
