package dev.berth.spi;

import java.util.Locale;

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
