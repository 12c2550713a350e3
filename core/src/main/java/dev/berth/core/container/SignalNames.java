package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import java.util.Locale;
import java.util.Map;

/** Linux signals by name or number, as {@code kill -s} and {@code --stop-signal} take them ({@code SIGTERM}, {@code TERM}, {@code 15}). */
public final class SignalNames {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private SignalNames() {
    }

    /** The number of a signal given by name or number. */
    public static int parse(String text) throws InvalidInputException {
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (name.matches("[0-9]+")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= SIGRTMAX) {
                return number;
            }
        } else if (NUMBERS.containsKey(name)) {
            return NUMBERS.get(name);
        } else if (name.startsWith("RTMIN+") || name.startsWith("RTMAX-")) {
            try {
                int offset = Integer.parseInt(name.substring(6));
                int number = name.startsWith("RTMIN") ? SIGRTMIN + offset : SIGRTMAX - offset;
                if (number >= SIGRTMIN && number <= SIGRTMAX) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Fall through to the error.
            }
        }
        throw new InvalidInputException("Invalid signal: " + text);
    }
}
