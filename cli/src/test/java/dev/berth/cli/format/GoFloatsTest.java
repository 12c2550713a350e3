package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expected strings are Go's {@code strconv.FormatFloat} output (go1.19). */
class GoFloatsTest {

    @Test
    void gWithAPrecision() {
        assertEquals("1e+03", GoFloats.formatG(999.5, 3, 'e'));
        assertEquals("1.98", GoFloats.formatG(1.9845, 3, 'e'));
        assertEquals("0.000123", GoFloats.formatG(0.0001234, 3, 'e'));
        assertEquals("1.049e+06", GoFloats.formatG(1049000.0, 4, 'e'));
        assertEquals("2", GoFloats.formatG(2.0, 3, 'e'));
        assertEquals("0", GoFloats.formatG(0.0, 2, 'e'));
        assertEquals("1.2E+05", GoFloats.formatG(123456.0, 2, 'E'));
    }

    @Test
    void shortestGAsPercentV() {
        assertEquals("100000", GoFloats.formatG(100000.0, GoFloats.SHORTEST, 'e'));
        assertEquals("1e+06", GoFloats.formatG(1000000.0, GoFloats.SHORTEST, 'e'));
        assertEquals("0.0001", GoFloats.formatG(0.0001, GoFloats.SHORTEST, 'e'));
        assertEquals("1e-05", GoFloats.formatG(0.00001, GoFloats.SHORTEST, 'e'));
        assertEquals("1.23456789e+08", GoFloats.formatG(123456789.0, GoFloats.SHORTEST, 'e'));
        assertEquals("-0", GoFloats.formatG(-0.0, GoFloats.SHORTEST, 'e'));
        assertEquals("0.1", GoFloats.formatG(0.1, GoFloats.SHORTEST, 'e'));
        assertEquals("5e-324", GoFloats.formatG(Double.MIN_VALUE, GoFloats.SHORTEST, 'e'));
        assertEquals("1.7976931348623157e+308", GoFloats.formatG(Double.MAX_VALUE, GoFloats.SHORTEST, 'e'));
        assertEquals("+Inf", GoFloats.formatG(Double.POSITIVE_INFINITY, GoFloats.SHORTEST, 'e'));
        assertEquals("NaN", GoFloats.formatG(Double.NaN, 3, 'e'));
    }

    @Test
    void fixedAndExponentRoundHalfToEvenOnTheExactValue() {
        assertEquals("2", GoFloats.formatF(2.5, 0));
        assertEquals("0.2", GoFloats.formatF(0.25, 1));
        assertEquals("1.00", GoFloats.formatF(1.005, 2));
        assertEquals("0.12 0.38 2.67", GoFloats.formatF(0.125, 2) + " " + GoFloats.formatF(0.375, 2) + " "
                + GoFloats.formatF(2.675, 2));
        assertEquals("100000000000000000000.000000", GoFloats.formatF(1e20, 6));
        assertEquals("2.500000e-01", GoFloats.formatE(0.25, 6, 'e'));
        assertEquals("2e+01", GoFloats.formatE(15.0, 0, 'e'));
        assertEquals("0.000000e+00", GoFloats.formatE(0.0, 6, 'e'));
    }

    /** %e of the exact binary value, rounded half to even with BigDecimal: what Go's strconv computes. */
    private static String exactE(double value, int digits) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        String unscaled = rounded.unscaledValue().abs().toString();
        int exponent = unscaled.length() - rounded.scale() - 1;
        StringBuilder mantissa = new StringBuilder(unscaled);
        while (mantissa.length() < digits) {
            mantissa.append('0');
        }
        mantissa.setLength(digits);
        String text = mantissa.charAt(0) + (digits > 1 ? "." + mantissa.substring(1) : "");
        return text + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    @Test
    void theFastRoundingsAgreeWithTheExactValue() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            int digits = 1 + random.nextInt(9);
            double value;
            switch (i % 4) {
                case 0:
                    value = random.nextDouble() * Math.pow(10, random.nextInt(-9, 13));
                    break;
                case 1:
                    // sizes: bytes divided by powers of 1000, as go-units does
                    value = random.nextLong(1, 1L << 50);
                    while (value >= 1000) {
                        value /= 1000;
                    }
                    break;
                case 2:
                    // decimal ties and their neighbours
                    long tie = random.nextLong(1, 1_000_000_000L) * 10 + 5;
                    value = tie / Math.pow(10, random.nextInt(1, 12));
                    value = random.nextBoolean() ? value : Math.nextUp(value);
                    break;
                default:
                    value = Double.longBitsToDouble(random.nextLong(0x3E00000000000000L, 0x42D0000000000000L));
                    break;
            }
            assertEquals(exactE(value, digits), GoFloats.formatE(value, digits - 1, 'e'), value + " to " + digits);
            int decimals = digits - 1;
            assertEquals(new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString(),
                    GoFloats.formatF(value, decimals), value + " to " + decimals + " decimals");
        }
    }
}
