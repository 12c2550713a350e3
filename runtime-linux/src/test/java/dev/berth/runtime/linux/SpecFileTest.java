package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.spi.Capabilities;
import dev.berth.spi.Capability;
import dev.berth.spi.ConsoleSize;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.Rlimit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecFileTest {

    private static String readable(SpecFile file) {
        return new String(file.toBytes(), StandardCharsets.UTF_8).replace('\0', '|');
    }

    @Test
    void keysAndFieldsAreNulTerminatedStrings() {
        SpecFile file = new SpecFile().add("mount", "/proc", "proc", "proc", "nosuid,noexec", "dir").add("terminal");
        assertEquals("version|1|mount|/proc|proc|proc|nosuid,noexec|dir|terminal|", readable(file));
    }

    @Test
    void aProcessIsWrittenWithItsCapabilitySetsAsHexMasks() {
        ProcessSpec process = ProcessSpec.of(List.of("sh", "-c", "echo a b"), List.of("A=1"), "/w")
                .withUser("user:staff", List.of(7))
                .withStdio(true, true, Optional.of(new ConsoleSize(24, 80)))
                .withCapabilities(Capabilities.of(Set.of(Capability.CHOWN, Capability.NET_RAW)))
                .withNoNewPrivileges(true)
                .withRlimits(List.of(new Rlimit(Rlimit.Type.NOFILE, 10, Rlimit.UNLIMITED)));
        assertEquals("version|1|arg|sh|arg|-c|arg|echo a b|env|A=1|cwd|/w|user|user:staff|group-add|7|terminal|stdin|"
                + "console-size|24|80|cap|bounding|2001|cap|effective|2001|cap|permitted|2001|cap|inheritable|0|"
                + "cap|ambient|0|no-new-privs|rlimit|7|10|-1|", readable(new SpecFile().process(process)));
    }

    @Test
    void aNulCannotSneakIntoAValue() {
        assertThrows(IllegalArgumentException.class, () -> new SpecFile().add("arg", "a\0b"));
    }
}
