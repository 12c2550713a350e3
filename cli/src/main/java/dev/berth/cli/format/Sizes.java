package dev.berth.cli.format;

/** Sizes as Docker prints them (docker/go-units {@code HumanSizeWithPrecision} and {@code BytesSize}). */
public final class Sizes {

    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Sizes() {
    }

    /**
     * 1000-based with three significant digits and no space, as listings print sizes: {@code 1.98MB},
     * {@code 76MB}, {@code 512B}; Go's {@code %.3g} turns {@code 999.5kB} into {@code 1e+03kB} and so does this.
     */
    public static String human(double bytes) {
        return human(bytes, 3);
    }

    /** 1000-based with {@code precision} significant digits: go-units {@code HumanSize} is precision 4. */
    public static String human(double bytes, int precision) {
        int unit = 0;
        while (bytes >= 1000 && unit < DECIMAL.length - 1) {
            bytes /= 1000;
            unit++;
        }
        return GoFloats.formatG(bytes, precision, 'e').concat(DECIMAL[unit]);
    }

    /** 1024-based with four significant digits, as {@code docker info} prints memory: {@code 23.47GiB}. */
    public static String binary(double bytes) {
        int unit = 0;
        while (bytes >= 1024 && unit < BINARY.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return GoFloats.formatG(bytes, 4, 'e').concat(BINARY[unit]);
    }
}
