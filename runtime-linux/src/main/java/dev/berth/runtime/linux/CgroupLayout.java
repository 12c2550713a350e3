package dev.berth.runtime.linux;

import dev.berth.spi.Resources;
import dev.berth.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the host mounts cgroups, and where berth puts containers in them: {@code <hierarchy>/berth/<id>}, at
 * the root of each hierarchy, not under whatever cgroup the berth process itself runs in.
 */
interface CgroupLayout {

    /** The parent of every container's cgroup. */
    String PARENT = "berth";

    /** Where monitors live, beside the containers; no container ID starts with '_'. */
    String MONITORS = "_monitors";

    /**
     * Creates the container's cgroup with its limits, but for the pids limit: the monitor passes through the
     * cgroup to give birth to the container's process, so that is set afterwards ({@link ContainerCgroup#limitPids}).
     * On failure, nothing is left.
     */
    default ContainerCgroup create(String id, Resources resources) throws RuntimeFailureException {
        ContainerCgroup cgroup = find(id);
        try {
            makeDirectories(cgroup);
            cgroup.apply(resources);
            return cgroup;
        } catch (RuntimeFailureException e) {
            cgroup.remove();
            throw e;
        }
    }

    /** Creates the cgroup's directories, and whatever their parents need first. */
    void makeDirectories(ContainerCgroup cgroup) throws RuntimeFailureException;

    /** The container's cgroup, whether or not it exists. */
    ContainerCgroup find(String id);

    /** The monitors' cgroup, created when missing. */
    default ContainerCgroup monitors() throws RuntimeFailureException {
        return create(MONITORS, Resources.none());
    }

    /** The v1 controllers berth joins; cpuset is left out, as its cpus and mems would need copying first. */
    Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "memory", "pids", "freezer", "devices", "blkio");

    /**
     * Reads the layout from a mountinfo file: cgroup2 on {@code /sys/fs/cgroup} is the unified layout; otherwise
     * the v1 hierarchies are used (in the hybrid layout too, where every controller is on v1).
     */
    static CgroupLayout detect(Path mountinfo) throws RuntimeFailureException {
        List<String> lines;
        try {
            lines = Files.readAllLines(mountinfo);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + mountinfo + ": " + e.getMessage(), e);
        }
        Map<String, Path> controllers = new LinkedHashMap<>();
        for (String line : lines) {
            // id parent major:minor root mountpoint options [optional...] - fstype source super-options
            String[] fields = line.split(" ");
            int dash = List.of(fields).indexOf("-");
            if (dash < 0 || dash + 3 >= fields.length) {
                continue;
            }
            Path mountPoint = Path.of(fields[4]);
            if (fields[dash + 1].equals("cgroup2") && fields[4].equals("/sys/fs/cgroup")) {
                return new V2CgroupLayout(mountPoint);
            }
            if (fields[dash + 1].equals("cgroup")) {
                for (String option : fields[dash + 3].split(",")) {
                    if (V1_CONTROLLERS.contains(option)) {
                        controllers.putIfAbsent(option, mountPoint);
                    }
                }
            }
        }
        if (controllers.isEmpty()) {
            throw new RuntimeFailureException("no cgroup hierarchy is mounted under /sys/fs/cgroup: berth needs "
                    + "cgroups to run containers");
        }
        return new V1CgroupLayout(controllers);
    }
}
