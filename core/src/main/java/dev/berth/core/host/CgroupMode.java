package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the host mounts cgroups, told apart the way crun and runc tell them apart: cgroup2 on
 * {@code /sys/fs/cgroup} is unified; a tmpfs there with cgroup2 on {@code /sys/fs/cgroup/unified} is the
 * hybrid layout; anything else is the legacy v1 layout.
 */
public enum CgroupMode {
    LEGACY(1), HYBRID(1), UNIFIED(2);

    private final int version;

    CgroupMode(int version) {
        this.version = version;
    }

    /** The version Docker reports: the hybrid layout counts as 1, since the controllers live on v1. */
    public int version() {
        return version;
    }

    /** Detects the layout from a mountinfo file ({@code /proc/self/mountinfo}). */
    public static CgroupMode detect(Path mountinfo) throws IOException {
        String root = null;
        String unified = null;
        for (String line : Files.readAllLines(mountinfo)) {
            // Fields: id parent major:minor root mountpoint options [optional...] - fstype source super-options
            List<String> fields = List.of(line.split(" "));
            int dash = fields.indexOf("-");
            if (dash < 0 || dash + 1 >= fields.size() || fields.size() < 5) {
                continue;
            }
            String mountPoint = fields.get(4);
            String type = fields.get(dash + 1);
            if (mountPoint.equals("/sys/fs/cgroup")) {
                root = type;
            } else if (mountPoint.equals("/sys/fs/cgroup/unified")) {
                unified = type;
            }
        }
        if ("cgroup2".equals(root)) {
            return UNIFIED;
        }
        if ("cgroup2".equals(unified)) {
            return HYBRID;
        }
        return LEGACY;
    }
}
