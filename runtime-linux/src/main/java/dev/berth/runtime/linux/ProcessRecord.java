package dev.berth.runtime.linux;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A process the runtime started and the monitor that watches it, each identified by PID and start time.
 *
 * @param pid          the process
 * @param startTicks   its start time
 * @param monitorPid   its monitor
 * @param monitorStart the monitor's start time
 */
record ProcessRecord(long pid, long startTicks, long monitorPid, long monitorStart) {

    static ProcessRecord of(HelperReport report) throws IOException {
        return new ProcessRecord(report.pid(), startOf(report.pid()), report.monitorPid(), startOf(report.monitorPid()));
    }

    /** A process that ended already has no start time to read; -1 then matches no living process. */
    private static long startOf(long pid) throws IOException {
        return ProcStat.read(pid).map(ProcStat::startTicks).orElse(-1L);
    }

    boolean isAlive() throws IOException {
        return ProcStat.isAlive(pid, startTicks);
    }

    boolean isMonitorAlive() throws IOException {
        return ProcStat.isAlive(monitorPid, monitorStart);
    }

    Optional<Pidfd> open() throws IOException {
        return Pidfd.open(pid, startTicks);
    }

    Optional<Pidfd> openMonitor() throws IOException {
        return Pidfd.open(monitorPid, monitorStart);
    }

    Map<String, String> toMap() {
        return Map.of("pid", Long.toString(pid), "start", Long.toString(startTicks), "monitor.pid",
                Long.toString(monitorPid), "monitor.start", Long.toString(monitorStart));
    }

    static ProcessRecord fromMap(Map<String, String> values) {
        return new ProcessRecord(Long.parseLong(values.get("pid")), Long.parseLong(values.get("start")),
                Long.parseLong(values.get("monitor.pid")), Long.parseLong(values.get("monitor.start")));
    }
}
