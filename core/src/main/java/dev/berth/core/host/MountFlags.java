package dev.berth.core.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits mount(8) style options into mount(2) flags and file-system data, the way mount(8) does.
 *
 * @param flags the {@code MS_*} flags to set
 * @param data  the options passed to the file system, comma-joined
 */
record MountFlags(long flags, String data) {

    static final long MS_RDONLY = 1;
    static final long MS_REMOUNT = 32;
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final long MS_PRIVATE = 1 << 18;

    private static final Map<String, Long> SET = Map.ofEntries(
            Map.entry("ro", MS_RDONLY),
            Map.entry("nosuid", 2L),
            Map.entry("nodev", 4L),
            Map.entry("noexec", 8L),
            Map.entry("sync", 16L),
            Map.entry("remount", MS_REMOUNT),
            Map.entry("dirsync", 128L),
            Map.entry("noatime", 1024L),
            Map.entry("nodiratime", 2048L),
            Map.entry("bind", MS_BIND),
            Map.entry("rbind", MS_BIND | MS_REC),
            Map.entry("relatime", 1L << 21),
            Map.entry("strictatime", 1L << 24));

    private static final Map<String, Long> CLEAR = Map.of(
            "rw", MS_RDONLY, "suid", 2L, "dev", 4L, "exec", 8L, "async", 16L, "atime", 1024L,
            "diratime", 2048L, "norelatime", 1L << 21, "nostrictatime", 1L << 24);

    static MountFlags parse(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : options) {
            Long set = SET.get(option);
            Long clear = CLEAR.get(option);
            if (set != null) {
                flags |= set;
            } else if (clear != null) {
                flags &= ~clear;
            } else if (!option.equals("defaults")) {
                data.add(option);
            }
        }
        return new MountFlags(flags, String.join(",", data));
    }

    boolean isBind() {
        return (flags & MS_BIND) != 0;
    }

    boolean isReadOnly() {
        return (flags & MS_RDONLY) != 0;
    }
}
