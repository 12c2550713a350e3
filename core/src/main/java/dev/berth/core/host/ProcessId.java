package dev.berth.core.host;

import java.time.Instant;
import java.util.Objects;

/**
 * A process, told apart from a later one that reuses its PID by its start time: how the store knows that
 * the writer of an incomplete layer or the holder of a mount is gone.
 *
 * @param pid       the process id
 * @param startedAt when it started, in milliseconds since the epoch (0 when unknown)
 */
public record ProcessId(long pid, long startedAt) {

    public static ProcessId current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessId(self.pid(), startOf(self));
    }

    public static ProcessId parse(String text) {
        String[] parts = text.strip().split(" ");
        return new ProcessId(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0);
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(handle -> startedAt == 0 || startOf(handle) == startedAt).orElse(false);
    }

    private static long startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    @Override
    public String toString() {
        return pid + " " + startedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessId && ((ProcessId) other).pid == pid
                && ((ProcessId) other).startedAt == startedAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, startedAt);
    }
}
