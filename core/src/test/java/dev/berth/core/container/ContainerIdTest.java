package dev.berth.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerIdTest {

    @Test
    void randomIdsAreFullHexAndNeverAllDigitsInTheShortForm() {
        for (int i = 0; i < 1000; i++) {
            ContainerId id = ContainerId.random();
            assertTrue(ContainerId.isFull(id.hex()));
            assertEquals(12, id.shortId().length());
            assertFalse(id.shortId().matches("[0-9]+"), id.hex());
        }
    }

    @Test
    void refusesMalformedIds() {
        assertThrows(IllegalArgumentException.class, () -> new ContainerId("abc"));
    }
}
