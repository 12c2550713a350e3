package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are docker/go-units' own test cases (size_test.go) plus values seen in Docker's listings. */
class SizesTest {

    private static final double KB = 1000;
    private static final double MB = 1000 * KB;
    private static final double GB = 1000 * MB;
    private static final double TB = 1000 * GB;
    private static final double PB = 1000 * TB;
    private static final double KIB = 1024;
    private static final double MIB = 1024 * KIB;
    private static final double GIB = 1024 * MIB;
    private static final double TIB = 1024 * GIB;
    private static final double PIB = 1024 * TIB;

    @Test
    void decimalWithThreeSignificantDigitsLikeDockerListings() {
        assertEquals("0B", Sizes.human(0));
        assertEquals("512B", Sizes.human(512));
        assertEquals("1.98MB", Sizes.human(1_982_464));
        assertEquals("76MB", Sizes.human(76_000_000));
        assertEquals("5.83MB", Sizes.human(5_830_000));
        assertEquals("1kB", Sizes.human(1000));
        assertEquals("228MB", Sizes.human(228_123_456));
        assertEquals("1.23GB", Sizes.human(1_234_567_890));
        assertEquals("-1B", Sizes.human(-1));
    }

    @Test
    void goFormatsARoundingToThousandWithAnExponent() {
        // %.3g of 999.5 is "1e+03": go-units does not carry the rounding into the next unit.
        assertEquals("1e+03kB", Sizes.human(999_500));
        assertEquals("999kB", Sizes.human(999_499));
        assertEquals("1e+04YB", Sizes.human(10000000000000.0 * PB, 4));
    }

    @Test
    void humanSizeIsPrecisionFour() {
        assertEquals("1kB", Sizes.human(1000, 4));
        assertEquals("1.024kB", Sizes.human(1024, 4));
        assertEquals("1MB", Sizes.human(1000000, 4));
        assertEquals("1.049MB", Sizes.human(1048576, 4));
        assertEquals("2MB", Sizes.human(2 * MB, 4));
        assertEquals("3.42GB", Sizes.human(3.42 * GB, 4));
        assertEquals("5.372TB", Sizes.human(5.372 * TB, 4));
        assertEquals("2.22PB", Sizes.human(2.22 * PB, 4));
    }

    @Test
    void binaryWithFourSignificantDigitsLikeBytesSize() {
        assertEquals("23.54GiB", Sizes.binary(25_277_693_952L));
        assertEquals("1KiB", Sizes.binary(1024));
        assertEquals("512B", Sizes.binary(512));
        assertEquals("1MiB", Sizes.binary(1024 * 1024));
        assertEquals("2MiB", Sizes.binary(2 * MIB));
        assertEquals("3.42GiB", Sizes.binary(3.42 * GIB));
        assertEquals("5.372TiB", Sizes.binary(5.372 * TIB));
        assertEquals("2.22PiB", Sizes.binary(2.22 * PIB));
        assertEquals("1.049e+06YiB", Sizes.binary(KIB * KIB * KIB * KIB * KIB * PIB));
    }
}
