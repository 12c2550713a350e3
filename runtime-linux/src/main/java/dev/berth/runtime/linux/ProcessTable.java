package dev.berth.runtime.linux;

import dev.berth.spi.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads what {@code top} shows of a process from {@code /proc}, as {@code ps -ef} does. */
final class ProcessTable {

    private final long bootSeconds;

    ProcessTable() throws IOException {
        long boot = 0;
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("btime ")) {
                boot = Long.parseLong(line.substring(6).strip());
            }
        }
        this.bootSeconds = boot;
    }

    /** The process, or empty when it has ended meanwhile. */
    Optional<ProcessInfo> read(long pid) throws IOException {
        Optional<ProcStat> stat = ProcStat.read(pid);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            List<String> command = commandLine(Files.readAllBytes(dir.resolve("cmdline")));
            if (command.isEmpty()) {
                command = List.of("[" + stat.get().command() + "]");
            }
            ProcStat s = stat.get();
            long startMillis = bootSeconds * 1000 + s.startTicks() * 1000 / ProcStat.TICKS_PER_SECOND;
            return Optional.of(new ProcessInfo(pid, s.parentPid(), uid(dir), Instant.ofEpochMilli(startMillis),
                    Duration.ofMillis((s.userTicks() + s.systemTicks()) * 1000 / ProcStat.TICKS_PER_SECOND),
                    terminal(s.ttyNumber()), command));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Ended while its files were read (ESRCH).
            if (!Files.exists(Path.of("/proc", Long.toString(pid)))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static List<String> commandLine(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.split("\0", -1)));
    }

    private static int uid(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** The name {@code ps} gives a terminal device number: Unix98 ptys are majors 136 to 143. */
    static String terminal(long device) {
        long major = (device >> 8) & 0xfff;
        long minor = (device & 0xff) | ((device >> 12) & 0xfff00);
        if (device == 0) {
            return "?";
        }
        if (major >= 136 && major <= 143) {
            return "pts/" + ((major - 136) * 256 + minor);
        }
        if (major == 4) {
            return "tty" + minor;
        }
        return "?";
    }
}
