package dev.berth.runtime.linux;

import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.Support;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Linux runtime's factory. */
public final class LinuxRuntimeFactory implements RuntimeFactory {

    public static final String NAME = "linux";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        Package pkg = LinuxRuntimeFactory.class.getPackage();
        return pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "development";
    }

    @Override
    public Support isSupported() {
        if (!Files.exists(Path.of("/proc/self/ns/pid"))) {
            return Support.no("the kernel has no PID namespaces (/proc/self/ns/pid is missing)");
        }
        if (!Files.exists(Path.of("/proc/self/ns/cgroup"))) {
            return Support.no("the kernel has no cgroup namespaces (Linux 4.6 or later is needed)");
        }
        return Support.yes();
    }

    @Override
    public ContainerRuntime create(Path stateRoot) throws RuntimeFailureException {
        return new LinuxRuntime(stateRoot, CgroupLayout.detect(Path.of("/proc/self/mountinfo")));
    }
}
