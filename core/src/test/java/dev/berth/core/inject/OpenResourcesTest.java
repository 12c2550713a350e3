package dev.berth.core.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenResourcesTest {

    @Test
    void closesEverythingLastOpenedFirstAndOnlyOnceEvenWhenOneFails() {
        OpenResources open = new OpenResources();
        List<String> closed = new ArrayList<>();
        open.add(() -> closed.add("first"));
        open.add(() -> {
            closed.add("failing");
            throw new IllegalStateException("cannot close");
        });
        open.add(() -> closed.add("last"));
        open.closeAll();
        open.closeAll();
        assertEquals(List.of("last", "failing", "first"), closed);
    }
}
