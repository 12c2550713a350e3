package dev.berth.runtime.linux;

import dev.berth.core.container.DefaultSpec;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.MountSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A berth process in miniature, for {@link MonitorIT}: creates and starts a container, then exits while the
 * container still runs. Arguments: state root, id, container directory, overlay directory, shared directory.
 */
public final class DetachedStart {

    private DetachedStart() {
    }

    public static void main(String[] args) throws Exception {
        Path stateRoot = Path.of(args[0]);
        String id = args[1];
        Path containerDirectory = Path.of(args[2]);
        Path overlay = Path.of(args[3]);
        Path shared = Path.of(args[4]);
        MountSpec root = new MountSpec("overlay", "overlay", List.of("lowerdir=" + args[5],
                "upperdir=" + overlay.resolve("upper"), "workdir=" + overlay.resolve("work")), Optional.empty());
        ContainerRuntime runtime = new LinuxRuntimeFactory().create(stateRoot);
        runtime.create(id, DefaultSpec.builder(List.of(root), List.of("sh", "-c",
                        "echo early; while [ ! -e /shared/go ]; do sleep 0.02; done; echo late; exit 7"), containerDirectory)
                .hostname("detached")
                .mounts(List.of(DefaultSpec.bind(shared + ":/shared")))
                .logFile(containerDirectory.resolve(id + "-json.log"))
                .build());
        runtime.start(id);
    }
}
