package dev.berth.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Linux capability. The declaration order is the kernel's numbering: {@code ordinal()} is the capability's
 * number, so do not reorder.
 */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE,
    NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO, SYS_CHROOT,
    SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE,
    AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ,
    PERFMON, BPF, CHECKPOINT_RESTORE;

    /** The kernel's number for this capability. */
    public int number() {
        return ordinal();
    }

    /** The capabilities as the kernel's bit mask, as /proc/PID/status shows them. */
    public static long mask(Set<Capability> capabilities) {
        long mask = 0;
        for (Capability capability : capabilities) {
            mask |= 1L << capability.number();
        }
        return mask;
    }

    /** The capabilities of a kernel bit mask; bits of capabilities unknown here are ignored. */
    public static Set<Capability> fromMask(long mask) {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (Capability capability : values()) {
            if ((mask & (1L << capability.number())) != 0) {
                capabilities.add(capability);
            }
        }
        return capabilities;
    }

    /**
     * The bounding set of the calling process, read from {@code /proc/self/status}: what it may ever grant.
     *
     * @throws IOException when the file cannot be read or has no bounding set
     */
    public static Set<Capability> ownBoundingSet() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapBnd:")) {
                return fromMask(Long.parseUnsignedLong(line.substring("CapBnd:".length()).strip(), 16));
            }
        }
        throw new IOException("/proc/self/status has no CapBnd line");
    }

    /**
     * Parses a capability name as Docker accepts it: {@code NET_ADMIN}, {@code CAP_NET_ADMIN}, any case.
     *
     * @throws IllegalArgumentException naming the unknown capability
     */
    public static Capability parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        for (Capability capability : values()) {
            if (capability.name().equals(bare)) {
                return capability;
            }
        }
        throw new IllegalArgumentException("unknown capability: \"" + name + "\"");
    }
}
