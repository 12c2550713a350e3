package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.berth.core.container.DefaultSpec;
import dev.berth.spi.Attachment;
import dev.berth.spi.Capabilities;
import dev.berth.spi.Capability;
import dev.berth.spi.ConsoleSize;
import dev.berth.spi.ContainerState;
import dev.berth.spi.ProcessInfo;
import dev.berth.spi.Rlimit;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.RuntimeSpec;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The container's process: stdin, terminal, user, capabilities, limits, working directory, mounts, --init. */
class ProcessIT extends ContainersTest {

    @Test
    void stdinReachesTheProcessUntilClosed() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c", "tr a-z A-Z; echo done")
                .stdio(false, true, Optional.empty())));
        try (Attachment attachment = containers.runtime.attach(id)) {
            containers.runtime.start(id);
            attachment.writeInput("hello\n".getBytes(), 0, 6);
            attachment.closeInput();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OptionalInt code = attachment.copyOutput(out, new ByteArrayOutputStream());
            assertEquals(OptionalInt.of(0), code);
            assertEquals("HELLO\ndone\n", out.toString());
        }
    }

    @Test
    void withoutOpenStdinTheProcessReadsNothing() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c", "cat; echo end"), id);
        assertEquals("end\n", run.stdout());
    }

    @Test
    void aTerminalIsANewPtyOfTheContainerThatFollowsResizes() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c",
                        "tty; stty size; read line; stty size; test -t 0 && echo interactive")
                .stdio(true, true, Optional.of(new ConsoleSize(24, 80)))));
        try (Attachment attachment = containers.runtime.attach(id)) {
            containers.runtime.start(id);
            attachment.resize(new ConsoleSize(50, 132));
            attachment.writeInput("go\n".getBytes(), 0, 3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OptionalInt code = attachment.copyOutput(out, new ByteArrayOutputStream());
            String text = out.toString().replace("\r\n", "\n");
            assertEquals(OptionalInt.of(0), code, text);
            // The terminal echoes "go" whenever it arrives, so only the order of the command's own lines is known.
            assertTrue(text.replace("go\n", "").startsWith("/dev/pts/0\n"), text);
            assertTrue(text.contains("50 132\n"), text);
            assertTrue(text.endsWith("interactive\n"), text);
        }
    }

    @Test
    void killingPidOneGivesTheSignalsExitCode() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        containers.runtime.start(id);
        assertEquals(ContainerState.Status.RUNNING, containers.runtime.state(id).status());

        assertEquals(ContainerState.Status.RUNNING, containers.runtime.awaitStop(id, Duration.ofMillis(50)).status(),
                "the time ran out");
        containers.runtime.kill(id, Signals.SIGKILL, false);
        ContainerState state = containers.runtime.awaitStop(id, null);

        assertEquals(ContainerState.Status.STOPPED, state.status());
        assertEquals(137, state.exitCode());
    }

    @Test
    void pauseFreezesEveryProcessAndResumeThawsThem() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c", "sleep 600 & sleep 600")));
        containers.runtime.start(id);

        containers.runtime.pause(id);
        assertEquals(ContainerState.Status.PAUSED, containers.runtime.state(id).status());
        for (var process : containers.runtime.top(id)) {
            // The freezer leaves its tasks in an uninterruptible (D) or stopped (T) state, depending on the kernel.
            char state = ProcStat.read(process.pid()).orElseThrow().state();
            assertTrue(state == 'D' || state == 'T', "frozen: " + process + " is " + state);
        }
        containers.runtime.resume(id);
        assertEquals(ContainerState.Status.RUNNING, containers.runtime.state(id).status());
    }

    @Test
    void killAllReachesEveryProcessEvenWhenPaused() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c",
                "sleep 600 & sleep 600 & trap '' TERM; wait")));
        containers.runtime.start(id);
        awaitProcesses(id, 3);
        List<Long> pids = containers.runtime.top(id).stream().map(p -> p.pid()).toList();
        containers.runtime.pause(id);

        containers.runtime.kill(id, Signals.SIGKILL, true);
        ContainerState state = containers.runtime.awaitStop(id, Duration.ofSeconds(10));

        assertEquals(137, state.exitCode());
        for (long pid : pids) {
            assertTrue(ProcStat.read(pid).isEmpty() || ProcStat.read(pid).get().state() == 'Z', "gone: " + pid);
        }
    }

    @Test
    void topListsTheContainersProcessesWithHostPids() throws Exception {
        String id = containers.newId();
        ContainerState created = containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c",
                "sleep 600 & exec sleep 601")));
        containers.runtime.start(id);
        awaitProcesses(id, 2);

        // The shell and its child each exist a moment before they have exec'd sleep: wait for both commands.
        Predicate<List<ProcessInfo>> mainExeced = list -> list.stream()
                .anyMatch(p -> p.pid() == created.pid() && p.command().equals(List.of("sleep", "601")));
        Predicate<List<ProcessInfo>> childExeced = list -> list.stream()
                .anyMatch(p -> p.command().equals(List.of("sleep", "600")));
        var processes = containers.runtime.top(id);
        for (int i = 0; i < 500 && !(mainExeced.test(processes) && childExeced.test(processes)); i++) {
            Thread.sleep(10);
            processes = containers.runtime.top(id);
        }
        assertTrue(mainExeced.test(processes), processes.toString());
        assertTrue(childExeced.test(processes), processes.toString());
    }

    @Test
    void statsComeFromTheCgroup() throws Exception {
        String id = containers.newId();
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 600 & wait").memory(64L << 20).pidsLimit(50)));
        containers.runtime.start(id);
        awaitProcesses(id, 2);

        var stats = containers.runtime.stats(id);
        assertEquals(64L << 20, stats.memoryLimit().orElseThrow());
        assertEquals(50, stats.pidsLimit().orElseThrow());
        assertEquals(2, stats.pids());
        assertTrue(stats.cpuNanos() > 0);
        assertTrue(stats.memoryBytes() > 0 && stats.memoryBytes() < 64L << 20, "memory " + stats.memoryBytes());
    }

    @Test
    void aUserByNameGetsItsGroupsAndNoEffectiveCapabilities() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "id; echo $HOME; grep -E '^Cap(Eff|Bnd)' /proc/self/status").user("user"), id);

        assertEquals(0, run.exitCode(), run.stderr());
        String[] lines = run.stdout().split("\n");
        assertEquals("uid=1000(user) gid=1000(user) groups=50(staff),100(users)", lines[0]);
        assertEquals("/home/user", lines[1]);
        assertEquals("CapEff:\t0000000000000000", lines[2]);
        assertEquals("CapBnd:\t" + String.format("%016x", Long.parseLong(SpecFile.mask(DefaultSpec.CAPABILITIES), 16)), lines[3]);
    }

    @Test
    void aNumericUserAndGroupNeedNoPasswdEntry() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "id").user("4242:4343").groupAdd(List.of(7)), id);
        assertEquals("uid=4242 gid=4343 groups=7\n", run.stdout());
    }

    @Test
    void anUnknownUserIsRefusedAtCreate() throws Exception {
        String id = containers.newId();
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> containers.runtime.create(id, containers.build(containers.spec(id, "id").user("nosuch"))));
        assertEquals("unable to find user nosuch: no matching entries in passwd file", e.getMessage());
    }

    @Test
    void rootHasDockersFourteenCapabilitiesAdjustedByCapAddAndDrop() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "grep", "CapEff", "/proc/self/status")
                .capabilities(List.of("NET_ADMIN"), List.of("CAP_CHOWN")), id);
        long expected = Long.parseLong(SpecFile.mask(DefaultSpec.CAPABILITIES), 16) | (1L << 12);
        expected &= ~1L;
        assertEquals("CapEff:\t" + String.format("%016x", expected) + "\n", run.stdout());
    }

    @Test
    void ulimitsAreSet() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c", "ulimit -n; ulimit -Hn")
                .ulimits(List.of(Rlimit.parse("nofile=100:200"))), id);
        assertEquals("100\n200\n", run.stdout());
    }

    @Test
    void aMissingWorkingDirectoryIsCreated() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "pwd").workingDir("/work/dir"), id);
        assertEquals("/work/dir\n", run.stdout());
    }

    @Test
    void initIsPidOneReapsAndForwardsSignalsAndPassesTheExitCode() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "echo $$; cat /proc/1/cmdline | tr '\\0' ' '; echo; exit 5").init(true), id);

        assertEquals(5, run.exitCode());
        assertEquals("2\n/sbin/docker-init -- sh -c " , run.stdout().lines().toList().get(0) + "\n"
                + run.stdout().lines().toList().get(1).substring(0, 27));

        String other = containers.newId();
        containers.runtime.create(other, containers.build(containers.spec(other, "sleep", "600").init(true)));
        containers.runtime.start(other);
        awaitProcesses(other, 2);
        // Without --init, PID 1 sleep would ignore SIGTERM; the init forwards it and sleep dies of it.
        containers.runtime.kill(other, 15, false);
        assertEquals(143, containers.runtime.awaitStop(other, Duration.ofSeconds(10)).exitCode());
    }

    @Test
    void aReadOnlyRootKeepsItsMountsWritable() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "touch /file 2>&1; touch /tmp/x && echo tmp-ok; touch /dev/shm/x && echo shm-ok")
                .readOnlyRoot(true).mounts(List.of(DefaultSpec.tmpfs("/tmp"))), id);
        assertEquals("touch: /file: Read-only file system\ntmp-ok\nshm-ok\n", run.stdout());
    }

    @Test
    void bindMountsAreReadOnlyOrWritableAsAsked() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("in"), "from host\n");
        Path shared = Files.createDirectories(temp.resolve("shared"));
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "cat /data/in; touch /data/x 2>&1; echo written > /shared/out")
                .mounts(List.of(DefaultSpec.bind(data + ":/data:ro"), DefaultSpec.bind(shared + ":/shared"))), id);

        assertEquals("from host\ntouch: /data/x: Read-only file system\n", run.stdout());
        assertEquals("written\n", Files.readString(shared.resolve("out")));
    }

    @Test
    void hostnameHostsAndResolvConfComeFromTheContainerDirectory() throws Exception {
        String id = containers.newId();
        var spec = containers.spec(id, "sh", "-c", "cat /etc/hostname /etc/hosts /etc/resolv.conf");
        Files.writeString(containers.containerDirectory(id).resolve("hostname"), "box\n");
        Files.writeString(containers.containerDirectory(id).resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(containers.containerDirectory(id).resolve("resolv.conf"), "nameserver 192.0.2.1\n");
        Containers.Run run = containers.run(spec, id);
        assertEquals("box\n127.0.0.1 localhost\nnameserver 192.0.2.1\n", run.stdout());
    }

    @Test
    void theEnvironmentHasDockersDefaults() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "env").env(List.of("A=1")), id);
        assertEquals(List.of("PATH=" + DefaultSpec.DEFAULT_PATH, "HOSTNAME=" + id.substring(0, 12), "A=1", "HOME=/root"),
                run.stdout().lines().toList());
    }

    @Test
    void theLoopbackIsUpInTheContainersOwnNetwork() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c", "ls /sys/class/net; ip -o link | grep -c UP"), id);
        assertEquals("lo\n1\n", run.stdout());
    }

    @Test
    void hostNetworkSharesTheHostsInterfaces() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "ls", "/sys/class/net").hostNetwork(true), id);
        try (var interfaces = Files.list(Path.of("/sys/class/net"))) {
            assertEquals(interfaces.map(p -> p.getFileName().toString()).sorted().toList(), run.stdout().lines().toList());
        }
    }

    @Test
    void aPrivilegedContainerMayMountAndSeesTheHostsDevices() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "mount -t tmpfs none /mnt && echo mounted; grep CapEff /proc/self/status; test -b /dev/vda -o -c /dev/kmsg && echo devices; "
                        + "echo 1 > /proc/sys/kernel/ns_last_pid && echo writable").privileged(true), id);
        assertEquals(0, run.exitCode(), run.stderr());
        String all = String.format("%016x", Capability.mask(Capability.ownBoundingSet()));
        assertEquals(List.of("mounted", "CapEff:\t" + all, "devices", "writable"), run.stdout().lines().toList());
    }

    @Test
    void aCapabilityBerthDoesNotHaveIsRefusedByName() throws Exception {
        Set<Capability> missing = EnumSet.complementOf(EnumSet.copyOf(Capability.ownBoundingSet()));
        assumeFalse(missing.isEmpty(), "this host withholds no capability from berth");
        String id = containers.newId();
        var spec = containers.build(containers.spec(id, "true"));
        var process = spec.process().withCapabilities(Capabilities.of(missing));
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> containers.runtime.create(id,
                new RuntimeSpec(spec.hostname(), spec.root(), process, spec.mounts(), spec.isolation(),
                        spec.resources(), false, spec.containerDirectory(), spec.logFile(), List.of())));
        assertEquals("this host does not let berth grant the capabilities " + missing
                + " (they are not in berth's own bounding set)", e.getMessage());
    }

    void awaitProcesses(String id, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (containers.runtime.top(id).size() < count) {
            assertTrue(System.nanoTime() < deadline, "the container never had " + count + " processes");
            Thread.sleep(5);
        }
    }
}
