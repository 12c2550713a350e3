package dev.berth.cli.container;

/** The same lifecycle, on the copying driver. */
class VfsContainerLifecycleIT extends ContainerLifecycleIT {

    @Override
    String driver() {
        return "vfs";
    }
}
