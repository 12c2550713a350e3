package dev.berth.runtime.linux;

import dev.berth.spi.ExecFailureException;
import dev.berth.spi.RuntimeFailureException;

/**
 * What the native helper reported on its report pipe: {@code ok <pid> <monitor pid>}, or
 * {@code error <exit code> <message>}.
 *
 * @param pid        the process it started (the container's init, or the exec'd process)
 * @param monitorPid its monitor
 */
record HelperReport(long pid, long monitorPid) {

    static HelperReport parse(String line, String helperStatus) throws RuntimeFailureException {
        String[] parts = line.strip().split(" ", 3);
        if (parts[0].equals("ok") && parts.length == 3) {
            return new HelperReport(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
        if (parts[0].equals("error") && parts.length >= 2) {
            int code = Integer.parseInt(parts[1]);
            String message = parts.length == 3 ? parts[2] : "no reason given";
            throw failure(code, message);
        }
        throw new RuntimeFailureException("the runtime helper ended without a report (" + helperStatus + ")");
    }

    /** 126 and 127 are the command's fault, every other code berth's. */
    static RuntimeFailureException failure(int code, String message) {
        return code == 126 || code == 127 ? new ExecFailureException(code, message)
                : new RuntimeFailureException(message);
    }
}
