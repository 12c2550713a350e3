package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
