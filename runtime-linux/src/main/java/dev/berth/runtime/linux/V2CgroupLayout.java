package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cgroup v2, one unified hierarchy. Controllers must be enabled in every ancestor's
 * {@code cgroup.subtree_control} before a cgroup below can use them.
 *
 * @param root the hierarchy's mount point, {@code /sys/fs/cgroup}
 */
record V2CgroupLayout(Path root) implements CgroupLayout {

    private static final List<String> CONTROLLERS = List.of("cpu", "io", "memory", "pids");

    @Override
    public void makeDirectories(ContainerCgroup cgroup) throws RuntimeFailureException {
        enableControllers(root);
        CgroupFiles.makeDirectory(root.resolve(PARENT));
        enableControllers(root.resolve(PARENT));
        for (Path directory : cgroup.directories()) {
            CgroupFiles.makeDirectory(directory);
        }
    }

    @Override
    public V2Cgroup find(String id) {
        return new V2Cgroup(root.resolve(PARENT).resolve(id));
    }

    private static void enableControllers(Path directory) throws RuntimeFailureException {
        Path available = directory.resolve("cgroup.controllers");
        if (!Files.exists(available)) {
            return;
        }
        Set<String> offered = words(CgroupFiles.read(available));
        Set<String> enabled = words(CgroupFiles.read(directory.resolve("cgroup.subtree_control")));
        String missing = CONTROLLERS.stream().filter(offered::contains).filter(c -> !enabled.contains(c))
                .map(c -> "+" + c).collect(Collectors.joining(" "));
        if (!missing.isEmpty()) {
            CgroupFiles.write(directory.resolve("cgroup.subtree_control"), missing);
        }
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
