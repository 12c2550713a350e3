package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void decimalWithThreeSignificantDigitsLikeDocker() {
        assertEquals("0B", Sizes.human(0));
        assertEquals("512B", Sizes.human(512));
        assertEquals("1.98MB", Sizes.human(1_982_464));
        assertEquals("76MB", Sizes.human(76_000_000));
        assertEquals("5.83MB", Sizes.human(5_830_000));
        assertEquals("1kB", Sizes.human(1000));
        assertEquals("228MB", Sizes.human(228_123_456));
        assertEquals("1.23GB", Sizes.human(1_234_567_890));
    }

    @Test
    void binaryWithFourSignificantDigitsLikeDockerInfo() {
        assertEquals("23.54GiB", Sizes.binary(25_277_693_952L));
        assertEquals("1KiB", Sizes.binary(1024));
        assertEquals("512B", Sizes.binary(512));
    }
}
