package dev.berth.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import dev.berth.spi.Capability;
import dev.berth.spi.ContainerMount;
import dev.berth.spi.DeniedSyscall;
import dev.berth.spi.MountSpec;
import dev.berth.spi.Namespace;
import dev.berth.spi.RuntimeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultSpecTest {

    @TempDir
    Path container;

    private DefaultSpec.Builder builder(String... command) {
        return DefaultSpec.builder(List.of(MountSpec.bind(Path.of("/rootfs"), false)), List.of(command), container)
                .hostname("0123456789ab");
    }

    @Test
    void dockersDefaults() throws Exception {
        RuntimeSpec spec = builder("sh").build();

        assertEquals(14, DefaultSpec.CAPABILITIES.size());
        assertEquals(DefaultSpec.CAPABILITIES, spec.process().capabilities().bounding());
        assertEquals(DefaultSpec.CAPABILITIES, spec.process().capabilities().effective());
        assertEquals(Set.of(), spec.process().capabilities().inheritable());
        assertEquals(EnumSet.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.NETWORK,
                Namespace.CGROUP), spec.isolation().namespaces());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/dev/mqueue", "/dev/shm"),
                spec.mounts().stream().map(ContainerMount::destination).toList());
        assertTrue(spec.mounts().get(3).mount().options().contains("ro"), "/sys is read-only");
        assertTrue(spec.isolation().maskedPaths().contains("/proc/kcore"));
        assertTrue(spec.isolation().readOnlyPaths().contains("/proc/sys"));
        assertEquals(6, spec.isolation().devices().size());
        assertFalse(spec.resources().devices().isEmpty(), "the device cgroup denies all but Docker's list");
        assertEquals(List.of("PATH=" + DefaultSpec.DEFAULT_PATH, "HOSTNAME=0123456789ab"), spec.process().env());
        assertEquals("/", spec.process().workingDir());
        assertEquals("", spec.process().user());
        assertFalse(spec.init());
    }

    @Test
    void capAddAndDropCombineAsDockersDo() throws Exception {
        Set<Capability> added = DefaultSpec.capabilities(List.of("NET_ADMIN"), List.of("cap_chown"), false);
        assertTrue(added.contains(Capability.NET_ADMIN));
        assertFalse(added.contains(Capability.CHOWN));
        assertEquals(14, added.size());

        assertEquals(Set.of(Capability.KILL), DefaultSpec.capabilities(List.of("KILL"), List.of("ALL"), false));
        Set<Capability> all = DefaultSpec.capabilities(List.of("ALL"), List.of("SYS_ADMIN"), false);
        assertEquals(DefaultSpec.available().size() - 1, all.size());
        assertEquals(DefaultSpec.available(), DefaultSpec.capabilities(List.of(), List.of(), true));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DefaultSpec.capabilities(List.of("FLY"), List.of(), false));
        assertEquals("unknown capability: \"FLY\"", e.getMessage());
    }

    @Test
    void theSyscallFilterFollowsTheCapabilitiesAsDockersProfileDoes() throws Exception {
        List<String> denied = builder("sh").build().isolation().deniedSyscalls().stream().map(DeniedSyscall::name).toList();
        assertEquals(List.of("keyctl", "add_key", "request_key", "unshare", "clone", "clone3", "bpf", "perf_event_open",
                "userfaultfd"), denied);
        List<String> withAdmin = builder("sh").capabilities(List.of("SYS_ADMIN"), List.of()).build().isolation()
                .deniedSyscalls().stream().map(DeniedSyscall::name).toList();
        assertEquals(List.of("keyctl", "add_key", "request_key", "userfaultfd"), withAdmin);
        assertEquals(List.of(), builder("sh").privileged(true).build().isolation().deniedSyscalls());
    }

    @Test
    void privilegedDropsTheMasksAndTheDeviceCgroup() throws Exception {
        RuntimeSpec spec = builder("sh").privileged(true).build();
        assertEquals(List.of(), spec.isolation().maskedPaths());
        assertEquals(List.of(), spec.isolation().readOnlyPaths());
        assertEquals(List.of(), spec.resources().devices());
        assertTrue(spec.mounts().get(3).mount().options().contains("rw"));
        assertTrue(spec.isolation().devices().stream().anyMatch(d -> d.path().equals("/dev/null")));
    }

    @Test
    void hostNetworkSharesTheHostsNamespace() throws Exception {
        assertFalse(builder("sh").hostNetwork(true).build().isolation().namespaces().contains(Namespace.NETWORK));
    }

    @Test
    void limitsFollowDockersConventions() throws Exception {
        RuntimeSpec spec = builder("sh").memory(64L << 20).pidsLimit(100).cpus(1.5).cpuShares(512).build();
        assertEquals(OptionalLong.of(128L << 20), spec.resources().memorySwapBytes(), "swap as much again");
        assertEquals(OptionalLong.of(150_000), spec.resources().cpuQuotaMicros());
        assertEquals(OptionalLong.of(100_000), spec.resources().cpuPeriodMicros());
        assertEquals(OptionalLong.of(512), spec.resources().cpuShares());
        assertEquals(OptionalLong.of(100), spec.resources().pidsLimit());
        assertEquals(OptionalLong.empty(), builder("sh").memory(1 << 20).memorySwap(-1).build().resources().memorySwapBytes());
        assertThrows(InvalidInputException.class, () -> builder("sh").cpus(0));
    }

    @Test
    void aTerminalAddsTerm() throws Exception {
        RuntimeSpec spec = builder("sh").stdio(true, true, Optional.empty()).env(List.of("A=1")).build();
        assertEquals(List.of("PATH=" + DefaultSpec.DEFAULT_PATH, "HOSTNAME=0123456789ab", "TERM=xterm", "A=1"),
                spec.process().env());
        assertTrue(spec.process().terminal() && spec.process().openStdin());
    }

    @Test
    void hostFilesOfTheContainerDirectoryAreBoundIntoEtc() throws Exception {
        Files.writeString(container.resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(container.resolve("resolv.conf"), "nameserver 192.0.2.1\n");
        RuntimeSpec spec = builder("sh").readOnlyRoot(true).build();
        List<ContainerMount> binds = spec.mounts().stream().filter(ContainerMount::isBind).toList();
        assertEquals(List.of("/etc/hosts", "/etc/resolv.conf"), binds.stream().map(ContainerMount::destination).toList());
        assertTrue(binds.get(0).mount().options().contains("ro"), "read-only with --read-only, as Docker does");
    }

    @Test
    void userMountsComeAfterTheDefaultsShallowestFirst() throws Exception {
        RuntimeSpec spec = builder("sh").mounts(List.of(DefaultSpec.bind("/a:/data/deep:ro"), DefaultSpec.tmpfs("/data"))).build();
        List<String> destinations = spec.mounts().stream().map(ContainerMount::destination).toList();
        assertEquals(List.of("/data", "/data/deep"), destinations.subList(destinations.size() - 2, destinations.size()));
    }

    @Test
    void volumeAndTmpfsSyntaxIsDockers() throws Exception {
        assertEquals(ContainerMount.bind(Path.of("/host"), "/c", true), DefaultSpec.bind("/host:/c:ro"));
        assertEquals(ContainerMount.bind(Path.of("/host"), "/c", false), DefaultSpec.bind("/host:/c"));
        assertEquals(ContainerMount.of("/run", "tmpfs", "tmpfs", "noexec", "nosuid", "nodev", "size=64m"),
                DefaultSpec.tmpfs("/run:size=64m"));
        assertEquals("invalid volume specification: 'data:/c': use /host/path:/path[:ro]",
                assertThrows(InvalidInputException.class, () -> DefaultSpec.bind("data:/c")).getMessage());
        assertEquals("invalid mode: rx in volume '/a:/c:rx'",
                assertThrows(InvalidInputException.class, () -> DefaultSpec.bind("/a:/c:rx")).getMessage());
        assertThrows(InvalidInputException.class, () -> DefaultSpec.bind("/a:relative"));
        assertThrows(InvalidInputException.class, () -> DefaultSpec.tmpfs("/a/../b"));
    }

    @Test
    void badValuesAreRefusedAsInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> builder("sh").workingDir("relative").build());
        assertEquals("the working directory must be absolute, not \"relative\"", e.getMessage());
    }
}
