package dev.berth.cli;

import dev.berth.core.InvalidInputException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Docker's parsing of sizes and CPU counts in flags ({@code -m 512m}, {@code --cpus 1.5}). */
public final class HumanUnits {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private HumanUnits() {
    }

    /** Bytes from {@code 100}, {@code 512k}, {@code 512m}, {@code 1.5g} (1024-based, as Docker's RAMInBytes). */
    public static long ramInBytes(String text, String flag) throws InvalidInputException {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException("invalid argument \"" + text + "\" for \"" + flag + "\" flag: invalid size: '"
                    + text + "'");
        }
        BigDecimal value = new BigDecimal(matcher.group(1));
        int power = "bkmgtp".indexOf(matcher.group(2).isEmpty() ? 'b' : matcher.group(2).toLowerCase(Locale.ROOT).charAt(0));
        return value.multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /** Billionths of a CPU from {@code --cpus 1.5}. */
    public static long nanoCpus(String text) throws InvalidInputException {
        try {
            BigDecimal cpus = new BigDecimal(text.strip());
            if (cpus.signum() < 0) {
                throw new NumberFormatException();
            }
            return cpus.movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("invalid argument \"" + text + "\" for \"--cpus\" flag: failed to parse "
                    + text + " as a rational number");
        }
    }
}
