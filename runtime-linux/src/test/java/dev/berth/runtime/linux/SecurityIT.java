package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.spi.Capability;
import dev.berth.spi.ContainerState;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a container must not reach, each tested from inside a container with Docker's defaults (root). */
class SecurityIT extends ContainersTest {

    @Test
    void hostProcessesAreInvisible() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c", "ls -d /proc/[0-9]* | wc -l; ps -o pid | tail -n +2"), id);
        List<String> lines = run.stdout().lines().map(String::strip).toList();
        // sh, and the ls or ps of the moment: nothing of the host's hundreds of processes.
        assertTrue(Integer.parseInt(lines.get(0)) <= 3, run.stdout());
        assertEquals("1", lines.get(1));
        assertTrue(lines.stream().skip(1).allMatch(pid -> Integer.parseInt(pid) < 10), run.stdout());
    }

    @Test
    void hostMountsAreInvisible() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "cut", "-d", " ", "-f", "5", "/proc/self/mountinfo"), id);
        List<String> points = run.stdout().lines().toList();
        assertEquals("/", points.get(0));
        for (String point : points) {
            assertTrue(point.equals("/") || point.startsWith("/proc") || point.startsWith("/dev") || point.startsWith("/sys"),
                    "only the container's own mounts: " + points);
        }
        assertFalse(run.stdout().contains(temp.toString()));
    }

    @Test
    void procSysAndSysAreReadOnly() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "echo 1 > /proc/sys/vm/drop_caches; echo x > /sys/kernel/uevent_helper; echo y > /proc/sys/kernel/core_pattern"), id);
        assertEquals(List.of("sh: can't create /proc/sys/vm/drop_caches: Read-only file system",
                "sh: can't create /sys/kernel/uevent_helper: Read-only file system",
                "sh: can't create /proc/sys/kernel/core_pattern: Read-only file system"), run.stderr().lines().toList());
    }

    @Test
    void kernelModulesAndMountsAreRefused() throws Exception {
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "rmmod nosuchmodule; echo rmmod=$?; mount -t tmpfs none /mnt; echo mount=$?; grep -c ' /mnt ' /proc/self/mountinfo"), id);
        assertEquals("rmmod=1\nmount=1\n0\n", run.stdout());
        // EPERM: not even allowed to try (a kernel built without modules says ENOSYS to everyone).
        assertTrue(run.stderr().contains("rmmod: can't unload module 'nosuchmodule': Operation not permitted")
                || run.stderr().contains("rmmod: can't unload module 'nosuchmodule': Function not implemented"), run.stderr());
        assertTrue(run.stderr().contains("mount: permission denied"), run.stderr());
        String other = containers.newId();
        String bounding = containers.run(containers.spec(other, "grep", "CapBnd", "/proc/self/status"), other).stdout();
        long mask = Long.parseLong(bounding.substring(bounding.indexOf('\t') + 1).strip(), 16);
        assertEquals(0, mask & (1L << Capability.SYS_MODULE.number()), "SYS_MODULE is out of the bounding set");
        assertEquals(0, mask & (1L << Capability.SYS_ADMIN.number()), "SYS_ADMIN is out of the bounding set");
    }

    @Test
    void aUserNamespaceCannotBeUsedToGainMountsAndPrivilegedMayStill() throws Exception {
        // Without the filter, unshare -U gives every capability inside a new user namespace, mounts included.
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "unshare -Urm sh -c 'mount -t tmpfs none /mnt && echo mounted'; echo unshare=$?; ls /proc/self | wc -l"), id);
        assertEquals("unshare=1\n", run.stdout().lines().limit(1).findFirst().orElseThrow() + "\n");
        assertTrue(run.stderr().contains("Operation not permitted"), run.stderr());
        assertTrue(Integer.parseInt(run.stdout().lines().skip(1).findFirst().orElseThrow().strip()) > 10,
                "ordinary forks and clones still work");

        String privileged = containers.newId();
        Containers.Run allowed = containers.run(containers.spec(privileged, "unshare", "-Ur", "id", "-u").privileged(true), privileged);
        assertEquals("0\n", allowed.stdout());
    }

    @Test
    void maskedPathsShowNothing() throws Exception {
        assertTrue(Files.list(Path.of("/sys/firmware")).findAny().isPresent(), "the host's /sys/firmware has entries");
        String id = containers.newId();
        Containers.Run run = containers.run(containers.spec(id, "sh", "-c",
                "ls -A /sys/firmware | wc -l; ls -A /proc/acpi | wc -l; wc -c < /proc/keys; wc -c < /proc/timer_list"), id);
        assertEquals(List.of("0", "0", "0", "0"), run.stdout().lines().map(String::strip).toList());
    }

    @Test
    void theHelperCannotBeOpenedForWritingThroughTheExeLinks() throws Exception {
        // While created, the container's PID 1 still is the helper: the moment CVE-2019-5736 attacked.
        String id = containers.newId();
        ContainerState created = containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        Path exe = Path.of("/proc", Long.toString(created.pid()), "exe");
        long monitor = ProcStat.read(created.pid()).orElseThrow().parentPid();
        // Only the helper is installed: this container has no --init.
        Path installed;
        try (var files = Files.list(temp.resolve("run/bin"))) {
            installed = files.findFirst().orElseThrow();
        }
        byte[] before = Files.readAllBytes(installed);

        for (Path link : List.of(exe, Path.of("/proc", Long.toString(monitor), "exe"))) {
            FileSystemException e = assertThrows(FileSystemException.class,
                    () -> Files.newOutputStream(link, StandardOpenOption.WRITE).close(), "even root cannot write " + link);
            assertTrue(e.getMessage().contains("Read-only file system") || e.getMessage().contains("Text file busy"),
                    e.getMessage());
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(installed)));
    }

    @Test
    void noDescriptorOfBerthsReachesTheContainer() throws Exception {
        // A descriptor without close-on-exec, as the JDK leaves some: it must not cross into the container.
        Path secret = Files.writeString(temp.resolve("secret"), "host secret");
        int fd = Posix.C.open(secret.toString(), Posix.O_RDONLY, 0);
        try {
            String id = containers.newId();
            Containers.Run run = containers.run(containers.spec(id, "ls", "/proc/self/fd"), id);
            // 0, 1, 2 and the directory ls is reading.
            assertEquals(List.of("0", "1", "2", "3"), run.stdout().lines().toList());
        } finally {
            Posix.C.close(fd);
        }
    }

    @Test
    void aWorkingDirectoryOutsideTheRootIsRefused() throws Exception {
        // CVE-2024-21626: a leaked host directory descriptor as working directory would escape the root.
        String id = containers.newId();
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> containers.runtime.create(id,
                containers.build(containers.spec(id, "pwd").workingDir("/proc/self/fd/5"))));
        assertEquals("cannot open /proc/self/fd/5 in the container: Too many levels of symbolic links", e.getMessage());
        assertEquals(ContainerState.Status.STOPPED, containers.runtime.state(id).status());
    }

    @Test
    void aSymlinkInTheImageCannotAimAMountAtTheHost() throws Exception {
        String id = containers.newId();
        var spec = containers.spec(id, "cat", "/etc/hostname");
        Path target = temp.resolve("escaped");
        Files.createDirectories(containers.upper(id).resolve("etc"));
        Files.createSymbolicLink(containers.upper(id).resolve("etc/hostname"), Path.of("/../../../../.." + target));
        Files.writeString(containers.containerDirectory(id).resolve("hostname"), "contained\n");

        Containers.Run run = containers.run(spec, id);

        assertEquals("contained\n", run.stdout());
        assertFalse(Files.exists(target), "nothing was created or mounted on the host");
        assertTrue(Files.exists(containers.upper(id).resolve(target.toString().substring(1))),
                "the symlink's target was created inside the container");
    }
}
