package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * cgroup v1, one hierarchy per controller (or per group of co-mounted controllers): the legacy layout, and
 * the hybrid one, whose controllers are all on v1.
 *
 * @param controllers each controller's hierarchy mount point
 */
record V1CgroupLayout(Map<String, Path> controllers) implements CgroupLayout {

    V1CgroupLayout {
        controllers = Map.copyOf(controllers);
    }

    @Override
    public void makeDirectories(ContainerCgroup cgroup) throws RuntimeFailureException {
        for (Path directory : cgroup.directories()) {
            CgroupFiles.makeDirectory(directory);
        }
    }

    @Override
    public V1Cgroup find(String id) {
        Map<String, Path> directories = new LinkedHashMap<>();
        controllers.forEach((controller, mount) -> directories.put(controller, mount.resolve(PARENT).resolve(id)));
        return new V1Cgroup(directories);
    }
}
