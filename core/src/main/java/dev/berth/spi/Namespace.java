package dev.berth.spi;

/** A Linux namespace a container can have of its own; one it does not have is shared with the host. */
public enum Namespace {
    PID("pid"),
    MOUNT("mnt"),
    UTS("uts"),
    IPC("ipc"),
    NETWORK("net"),
    CGROUP("cgroup");

    private final String procName;

    Namespace(String procName) {
        this.procName = procName;
    }

    /** The namespace's name under {@code /proc/<pid>/ns/}. */
    public String procName() {
        return procName;
    }
}
