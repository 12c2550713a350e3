package dev.berth.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {

    @TempDir
    Path dir;

    @Test
    void prettyNameComesFromOsRelease() throws Exception {
        Path file = Files.writeString(dir.resolve("os-release"), "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        assertEquals("Debian GNU/Linux 12 (bookworm)", HostInfo.osRelease(file));
        assertEquals("Linux", HostInfo.osRelease(dir.resolve("absent")));
    }

    @Test
    void memTotalIsInBytes() throws Exception {
        Path file = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24685736 kB\nMemFree: 1 kB\n");
        assertEquals(24685736L * 1024, HostInfo.memTotal(file));
    }

    @Test
    void machineNamesFollowUname() {
        assertEquals("x86_64", HostInfo.machine("amd64"));
        assertEquals("aarch64", HostInfo.machine("aarch64"));
    }

    @Test
    void readsThisHost() throws Exception {
        HostInfo host = HostInfo.read();
        assertTrue(host.cpus() > 0 && host.totalMemory() > 0 && !host.kernelVersion().isEmpty());
    }
}
