package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the formats Docker's output uses: {@code 'e'}, {@code 'f'} and {@code 'g'},
 * with a precision or the shortest representation that reads back as the same double. go-units sizes
 * ({@code %.3g}), {@code fmt}'s {@code %v} and {@code encoding/json} all print through it, so that
 * {@code 999.5} becomes {@code 1e+03} here as it does in Go.
 */
final class GoFloats {

    /** Precision meaning "the fewest digits that identify the value", as Go's {@code -1}. */
    static final int SHORTEST = -1;

    /**
     * A decimal {@code 0.d1d2...dn × 10^point} with no trailing zeros, Go's {@code decimalSlice}; zero has no
     * digits.
     */
    private static final class Digits {
        final String digits;
        final int point;

        Digits(String digits, int point) {
            this.digits = digits;
            this.point = point;
        }

        int count() {
            return digits.length();
        }

        /** The digits of {@code digits}, the point after {@code point} of them. */
        static Digits of(long digits, int point) {
            String text = Long.toString(digits);
            int end = text.length();
            while (end > 1 && text.charAt(end - 1) == '0') {
                end--;
            }
            return new Digits(text.substring(0, end), point);
        }

        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String unscaled = stripped.unscaledValue().toString();
            return new Digits(unscaled, unscaled.length() - stripped.scale());
        }
    }

    private GoFloats() {
    }

    /** {@code %e} with {@code precision} digits after the point, or the shortest. */
    static String formatE(double value, int precision, char exponentChar) {
        return format(value, precision, 'e', exponentChar);
    }

    /** {@code %f} with {@code precision} digits after the point, or the shortest. */
    static String formatF(double value, int precision) {
        return format(value, precision, 'f', 'e');
    }

    private static String format(double value, int precision, char fmt, char exponentChar) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        double abs = Math.abs(value);
        Digits digits;
        if (precision == SHORTEST) {
            digits = shortest(abs);
            precision = Math.max(fmt == 'e' ? digits.count() - 1 : digits.count() - digits.point, 0);
        } else {
            digits = fmt == 'e' ? significant(abs, precision + 1) : fixed(abs, precision);
        }
        return sign(value).concat(fmt == 'e' ? fmtE(digits, precision, exponentChar) : fmtF(digits, precision));
    }

    /** {@code %g} with {@code precision} significant digits, or the shortest (Go's {@code %v} for floats). */
    static String formatG(double value, int precision, char exponentChar) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        double abs = Math.abs(value);
        boolean shortest = precision == SHORTEST;
        Digits digits;
        if (shortest) {
            digits = shortest(abs);
            precision = digits.count();
        } else {
            if (precision == 0) {
                precision = 1;
            }
            digits = significant(abs, precision);
        }
        int exponentPrecision = precision;
        if (exponentPrecision > digits.count() && digits.count() >= digits.point) {
            exponentPrecision = digits.count();
        }
        if (shortest) {
            exponentPrecision = 6;
        }
        int exponent = digits.point - 1;
        if (exponent < -4 || exponent >= exponentPrecision) {
            int shown = Math.min(precision, digits.count());
            return sign(value).concat(fmtE(digits, shown - 1, exponentChar));
        }
        if (precision > digits.point) {
            precision = digits.count();
        }
        return sign(value).concat(fmtF(digits, Math.max(precision - digits.point, 0)));
    }

    /**
     * A float as {@code encoding/json} writes it: shortest digits, {@code 'f'} form unless the magnitude is
     * below 1e-6 or at least 1e21, and a one-digit negative exponent written without its leading zero.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot hold
     */
    static String json(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("json: unsupported value: " + formatG(value, SHORTEST, 'e'));
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String text = formatE(value, SHORTEST, 'e');
            int n = text.length();
            if (n >= 4 && text.charAt(n - 4) == 'e' && text.charAt(n - 3) == '-' && text.charAt(n - 2) == '0') {
                text = text.substring(0, n - 2).concat(text.substring(n - 1));
            }
            return text;
        }
        return formatF(value, SHORTEST);
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return null;
    }

    private static String sign(double value) {
        return value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
    }

    /** Exact powers of ten as doubles. */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    };

    /**
     * {@code abs} rounded half to even to {@code count} significant digits. For the few digits sizes use, one
     * multiplication or division by an exact power of ten places the cut with an error far below the distance to a
     * tie, so plain double arithmetic decides the rounding; only values near a tie (or out of that range) go to
     * the exact BigDecimal, which is slow to load and sizes are on every listing's start-up path.
     */
    private static Digits significant(double abs, int count) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (count <= 9 && abs >= 1e-9 && abs < 1e13) {
            int exponent = (int) Math.floor(Math.log10(abs));
            for (int attempt = 0; attempt < 2; attempt++) {
                double scaled = scale(abs, count - 1 - exponent);
                if (scaled < POW10[count - 1]) {
                    exponent--;
                } else if (scaled >= POW10[count]) {
                    exponent++;
                } else {
                    double floor = Math.floor(scaled);
                    double fraction = scaled - floor;
                    if (Math.abs(fraction - 0.5) > 1e-6) {
                        long digits = (long) floor + (fraction > 0.5 ? 1 : 0);
                        if (digits == (long) POW10[count]) {
                            return new Digits("1", exponent + 2);
                        }
                        return Digits.of(digits, exponent + 1);
                    }
                    break;
                }
            }
        }
        return Digits.of(new BigDecimal(abs).round(new MathContext(count, RoundingMode.HALF_EVEN)));
    }

    /** {@code abs} rounded half to even to {@code precision} digits after the point; fast as {@link #significant}. */
    private static Digits fixed(double abs, int precision) {
        if (precision <= 9) {
            double scaled = abs * POW10[precision];
            if (scaled < 1e9) {
                double floor = Math.floor(scaled);
                double fraction = scaled - floor;
                if (Math.abs(fraction - 0.5) > 1e-6) {
                    long digits = (long) floor + (fraction > 0.5 ? 1 : 0);
                    return digits == 0 ? new Digits("", 0)
                            : Digits.of(digits, Long.toString(digits).length() - precision);
                }
            }
        }
        return Digits.of(new BigDecimal(abs).setScale(precision, RoundingMode.HALF_EVEN));
    }

    /** {@code value × 10^power}, with one rounding. */
    private static double scale(double value, int power) {
        return power >= 0 ? value * POW10[power] : value / POW10[-power];
    }

    /**
     * The fewest significant digits that read back as {@code abs}. Java 17's {@code Double.toString} always
     * reads back but is not always shortest, so the shortest rounding of the exact value is searched for.
     */
    private static Digits shortest(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(abs);
        for (int count = 1; count < 17; count++) {
            BigDecimal candidate = exact.round(new MathContext(count, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == abs) {
                return Digits.of(candidate);
            }
        }
        return Digits.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static String fmtE(Digits d, int precision, char exponentChar) {
        StringBuilder out = new StringBuilder(precision + 8);
        out.append(d.count() == 0 ? '0' : d.digits.charAt(0));
        if (precision > 0) {
            out.append('.');
            int end = Math.min(d.count(), precision + 1);
            if (end > 1) {
                out.append(d.digits, 1, end);
            }
            for (int i = Math.max(end, 1); i <= precision; i++) {
                out.append('0');
            }
        }
        out.append(exponentChar);
        int exponent = d.count() == 0 ? 0 : d.point - 1;
        out.append(exponent < 0 ? '-' : '+');
        exponent = Math.abs(exponent);
        if (exponent < 10) {
            out.append('0');
        }
        return out.append(exponent).toString();
    }

    private static String fmtF(Digits d, int precision) {
        StringBuilder out = new StringBuilder(Math.max(d.point, 1) + precision + 2);
        if (d.point > 0) {
            int whole = Math.min(d.count(), d.point);
            out.append(d.digits, 0, whole);
            for (int i = whole; i < d.point; i++) {
                out.append('0');
            }
        } else {
            out.append('0');
        }
        if (precision > 0) {
            out.append('.');
            for (int i = 1; i <= precision; i++) {
                int j = d.point + i - 1;
                out.append(j >= 0 && j < d.count() ? d.digits.charAt(j) : '0');
            }
        }
        return out.toString();
    }
}
