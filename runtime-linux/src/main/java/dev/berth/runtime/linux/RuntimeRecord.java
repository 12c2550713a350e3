package dev.berth.runtime.linux;

import dev.berth.spi.DeniedSyscall;
import dev.berth.spi.Namespace;
import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the runtime remembers of a container between berth processes: its init and monitor, where its exit
 * status goes, the namespaces and the system call filter that an exec gets too, and when it was started.
 */
record RuntimeRecord(ProcessRecord init, Path containerDirectory, Set<Namespace> namespaces,
                     List<DeniedSyscall> deniedSyscalls, Optional<Instant> startedAt) {

    RuntimeRecord {
        namespaces = Set.copyOf(namespaces);
        deniedSyscalls = List.copyOf(deniedSyscalls);
    }

    Path exitFile() {
        return containerDirectory.resolve(ExitStatus.FILE_NAME);
    }

    RuntimeRecord started(Instant at) {
        return new RuntimeRecord(init, containerDirectory, namespaces, deniedSyscalls, Optional.of(at));
    }

    void write(Path file) throws RuntimeFailureException {
        Map<String, String> values = new HashMap<>(init.toMap());
        values.put("container.directory", containerDirectory.toString());
        values.put("namespaces", namespaces.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        values.put("denied.syscalls", deniedSyscalls.stream().map(d -> d.name() + ":" + d.errno() + ":"
                + d.flagsArgument().orElse(-1) + ":" + d.flagsMask()).collect(Collectors.joining(",")));
        startedAt.ifPresent(at -> values.put("started", at.getEpochSecond() + "." + at.getNano()));
        RecordFile.write(file, values);
    }

    static Optional<RuntimeRecord> read(Path file) throws RuntimeFailureException {
        Optional<Map<String, String>> values = RecordFile.read(file);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> v = values.get();
        Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        for (String name : v.getOrDefault("namespaces", "").split(",")) {
            if (!name.isEmpty()) {
                namespaces.add(Namespace.valueOf(name));
            }
        }
        List<DeniedSyscall> denied = new ArrayList<>();
        for (String rule : v.getOrDefault("denied.syscalls", "").split(",")) {
            if (!rule.isEmpty()) {
                String[] f = rule.split(":");
                int argument = Integer.parseInt(f[2]);
                denied.add(new DeniedSyscall(f[0], Integer.parseInt(f[1]),
                        argument < 0 ? OptionalInt.empty() : OptionalInt.of(argument), Long.parseLong(f[3])));
            }
        }
        return Optional.of(new RuntimeRecord(ProcessRecord.fromMap(v), Path.of(v.get("container.directory")), namespaces,
                denied, Optional.ofNullable(v.get("started")).map(ExitStatus::parseInstant)));
    }
}
