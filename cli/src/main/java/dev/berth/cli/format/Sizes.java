package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Sizes as Docker prints them (docker/go-units). */
public final class Sizes {

    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Sizes() {
    }

    /** 1000-based with three significant digits and no space: {@code 1.98MB}, {@code 76MB}, {@code 512B}. */
    public static String human(double bytes) {
        int unit = 0;
        while (bytes >= 1000 && unit < DECIMAL.length - 1) {
            bytes /= 1000;
            unit++;
        }
        return significant(bytes, 3) + DECIMAL[unit];
    }

    /** 1024-based with four significant digits, as {@code docker info} prints memory: {@code 23.47GiB}. */
    public static String binary(double bytes) {
        int unit = 0;
        while (bytes >= 1024 && unit < BINARY.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return significant(bytes, 4) + BINARY[unit];
    }

    /** Go's {@code %.<n>g}: n significant digits, trailing zeros removed. */
    static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString();
    }
}
