package dev.berth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomBytesTest {

    @Test
    void givesTheBytesAskedForAndNeverTheSameTwice() {
        byte[] first = RandomBytes.of(32);
        byte[] second = RandomBytes.of(32);

        assertEquals(32, first.length);
        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(first, new byte[32]));
    }

    @Test
    void belowStaysInRangeAndReachesEveryValue() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int value = RandomBytes.below(10);
            assertTrue(value >= 0 && value < 10, Integer.toString(value));
            seen.add(value);
        }
        assertEquals(10, seen.size());
    }
}
