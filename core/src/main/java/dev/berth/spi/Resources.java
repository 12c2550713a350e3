package dev.berth.spi;

import java.util.List;
import java.util.OptionalLong;

/**
 * The container's cgroup limits. Empty means no limit.
 *
 * @param memoryBytes      memory limit ({@code -m})
 * @param memorySwapBytes  memory plus swap limit ({@code --memory-swap}); at least {@code memoryBytes}
 * @param pidsLimit        the most processes and threads at once ({@code --pids-limit})
 * @param cpuQuotaMicros   CPU time per period ({@code --cpus} times the period)
 * @param cpuPeriodMicros  the period of the quota, 1 ms to 1 s; 100 ms when only a quota is given
 * @param cpuShares        relative CPU weight ({@code --cpu-shares}, 2 to 262144)
 * @param devices          device cgroup rules, applied after denying everything; empty allows every device
 */
public record Resources(OptionalLong memoryBytes, OptionalLong memorySwapBytes, OptionalLong pidsLimit,
                        OptionalLong cpuQuotaMicros, OptionalLong cpuPeriodMicros, OptionalLong cpuShares,
                        List<DeviceRule> devices) {

    public Resources {
        requirePositive(memoryBytes, "memory limit");
        requirePositive(pidsLimit, "pids limit");
        if (memorySwapBytes.isPresent()
                && (memoryBytes.isEmpty() || memorySwapBytes.getAsLong() < memoryBytes.getAsLong())) {
            throw new IllegalArgumentException("the memory+swap limit needs a memory limit and must not be below it");
        }
        if (cpuQuotaMicros.isPresent() && cpuQuotaMicros.getAsLong() < 1000) {
            throw new IllegalArgumentException("a CPU quota must be at least 1 ms (1000 microseconds)");
        }
        if (cpuPeriodMicros.isPresent() && (cpuPeriodMicros.getAsLong() < 1000 || cpuPeriodMicros.getAsLong() > 1_000_000)) {
            throw new IllegalArgumentException("a CPU period is 1 ms to 1 s (1000 to 1000000 microseconds)");
        }
        if (cpuShares.isPresent() && (cpuShares.getAsLong() < 2 || cpuShares.getAsLong() > 262144)) {
            throw new IllegalArgumentException("CPU shares are 2 to 262144");
        }
        devices = List.copyOf(devices);
    }

    /** No limit at all. */
    public static Resources none() {
        return new Resources(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), List.of());
    }

    private static void requirePositive(OptionalLong value, String what) {
        if (value.isPresent() && value.getAsLong() <= 0) {
            throw new IllegalArgumentException("a " + what + " must be positive");
        }
    }
}
