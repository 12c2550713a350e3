package dev.berth.spi;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A sample of a running container's resource use, from its cgroup. CPU percentages come from two samples:
 * {@code (cpu2 - cpu1) / (readAt2 - readAt1)}.
 *
 * @param readAt      when the sample was taken
 * @param cpuNanos    CPU time used by the container's processes since it started
 * @param memoryBytes memory in use, without the inactive file cache (as {@code docker stats} counts it)
 * @param memoryLimit the memory limit, empty when unlimited
 * @param pids        processes and threads now
 * @param pidsLimit   their limit, empty when unlimited
 */
public record ContainerStats(Instant readAt, long cpuNanos, long memoryBytes, OptionalLong memoryLimit, long pids,
                             OptionalLong pidsLimit) {
}
