package dev.berth.runtime.linux;

import dev.berth.spi.Capability;
import dev.berth.spi.ProcessSpec;
import dev.berth.spi.Rlimit;
import dev.berth.spi.RuntimeFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The spec the native helper reads: NUL-terminated strings, each key followed by its fields (the helper's
 * spec.c knows how many). A format that C parses in a few lines, and that no value can break.
 */
final class SpecFile {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    SpecFile() {
        add("version", "1");
    }

    SpecFile add(String key, String... fields) {
        put(key);
        for (String field : fields) {
            put(field);
        }
        return this;
    }

    /** The fields of a process, the same for a container's init and an exec. */
    SpecFile process(ProcessSpec process) {
        process.args().forEach(arg -> add("arg", arg));
        process.env().forEach(entry -> add("env", entry));
        add("cwd", process.workingDir());
        add("user", process.user());
        process.additionalGroups().forEach(gid -> add("group-add", Integer.toString(gid)));
        if (process.terminal()) {
            add("terminal");
        }
        if (process.openStdin()) {
            add("stdin");
        }
        process.consoleSize().ifPresent(size ->
                add("console-size", Integer.toString(size.rows()), Integer.toString(size.columns())));
        add("cap", "bounding", mask(process.capabilities().bounding()));
        add("cap", "effective", mask(process.capabilities().effective()));
        add("cap", "permitted", mask(process.capabilities().permitted()));
        add("cap", "inheritable", mask(process.capabilities().inheritable()));
        add("cap", "ambient", mask(process.capabilities().ambient()));
        if (process.noNewPrivileges()) {
            add("no-new-privs");
        }
        for (Rlimit limit : process.rlimits()) {
            add("rlimit", Integer.toString(limit.type().number()), Long.toString(limit.soft()), Long.toString(limit.hard()));
        }
        return this;
    }

    void write(Path file) throws RuntimeFailureException {
        try {
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write the spec " + file + ": " + e.getMessage(), e);
        }
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    static String mask(Set<Capability> capabilities) {
        return Long.toHexString(Capability.mask(capabilities));
    }

    static String joined(List<String> options) {
        return String.join(",", options);
    }

    private void put(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a spec value contains NUL: " + value.replace('\0', '?'));
        }
        bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        bytes.write(0);
    }
}
