package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the host, read from {@code /proc} and {@code /etc/os-release} without native calls.
 *
 * @param kernelVersion   the kernel release
 * @param operatingSystem the distribution's pretty name
 * @param architecture    the machine as {@code uname -m} names it
 * @param cpus            the CPUs this process may use
 * @param totalMemory     bytes of memory
 * @param hostname        the host's name
 * @param cgroupMode      how cgroups are mounted
 */
public record HostInfo(String kernelVersion, String operatingSystem, String architecture, int cpus,
                       long totalMemory, String hostname, CgroupMode cgroupMode) {

    public static HostInfo read() throws IOException {
        return new HostInfo(
                firstLine(Path.of("/proc/sys/kernel/osrelease")),
                osRelease(Path.of("/etc/os-release")),
                machine(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                memTotal(Path.of("/proc/meminfo")),
                firstLine(Path.of("/proc/sys/kernel/hostname")),
                CgroupMode.detect(Path.of("/proc/self/mountinfo")));
    }

    static String machine(String javaArch) {
        switch (javaArch) {
            case "amd64":
                return "x86_64";
            case "x86":
                return "i686";
            default:
                return javaArch;
        }
    }

    static String osRelease(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "Linux";
        }
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("PRETTY_NAME=")) {
                return unquote(line.substring("PRETTY_NAME=".length()));
            }
        }
        return "Linux";
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                && value.endsWith(value.substring(0, 1))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    static long memTotal(Path meminfo) throws IOException {
        for (String line : Files.readAllLines(meminfo)) {
            if (line.startsWith("MemTotal:")) {
                List<String> parts = List.of(line.substring("MemTotal:".length()).trim().split("\\s+"));
                long value = Long.parseLong(parts.get(0));
                return parts.size() > 1 && parts.get(1).toLowerCase(Locale.ROOT).equals("kb") ? value * 1024 : value;
            }
        }
        throw new IOException("no MemTotal line in " + meminfo);
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readString(file).strip();
    }
}
