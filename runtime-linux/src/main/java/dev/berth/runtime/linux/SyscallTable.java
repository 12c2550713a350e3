package dev.berth.runtime.linux;

import dev.berth.spi.DeniedSyscall;
import dev.berth.spi.RuntimeFailureException;
import java.util.List;
import java.util.Map;

/**
 * System call numbers of the architectures berth runs on, for the calls berth's filters name, and the audit
 * architecture a seccomp filter checks first (a process may use another ABI's numbers, which the filter
 * then refuses altogether).
 *
 * @param auditArchitecture the kernel's AUDIT_ARCH_* value
 * @param numbers           each call's number
 */
record SyscallTable(long auditArchitecture, Map<String, Integer> numbers) {

    static final SyscallTable X86_64 = new SyscallTable(0xc000003eL, Map.ofEntries(
            Map.entry("clone", 56), Map.entry("unshare", 272), Map.entry("clone3", 435), Map.entry("keyctl", 250),
            Map.entry("add_key", 248), Map.entry("request_key", 249), Map.entry("userfaultfd", 323),
            Map.entry("bpf", 321), Map.entry("perf_event_open", 298), Map.entry("kexec_load", 246),
            Map.entry("open_by_handle_at", 304), Map.entry("setns", 308)));

    /** The generic numbering (asm-generic/unistd.h). */
    static final SyscallTable AARCH64 = new SyscallTable(0xc00000b7L, Map.ofEntries(
            Map.entry("clone", 220), Map.entry("unshare", 97), Map.entry("clone3", 435), Map.entry("keyctl", 219),
            Map.entry("add_key", 217), Map.entry("request_key", 218), Map.entry("userfaultfd", 282),
            Map.entry("bpf", 280), Map.entry("perf_event_open", 241), Map.entry("kexec_load", 104),
            Map.entry("open_by_handle_at", 265), Map.entry("setns", 268)));

    /** The table of the architecture this JVM runs on. */
    static SyscallTable host() throws RuntimeFailureException {
        String arch = System.getProperty("os.arch");
        switch (arch) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
                return AARCH64;
            default:
                throw new RuntimeFailureException("berth cannot filter system calls on " + arch);
        }
    }

    /** Writes the filter's lines: the architecture, then one rule per denied call. */
    void write(SpecFile file, List<DeniedSyscall> denied) throws RuntimeFailureException {
        if (denied.isEmpty()) {
            return;
        }
        file.add("seccomp-arch", Long.toString(auditArchitecture));
        for (DeniedSyscall rule : denied) {
            Integer number = numbers.get(rule.name());
            if (number == null) {
                throw new RuntimeFailureException("berth does not know the system call " + rule.name());
            }
            file.add("seccomp", Integer.toString(number), Integer.toString(rule.errno()),
                    Integer.toString(rule.flagsArgument().orElse(-1)), Long.toString(rule.flagsMask()));
        }
    }
}
