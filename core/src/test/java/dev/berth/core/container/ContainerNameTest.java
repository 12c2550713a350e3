package dev.berth.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ContainerNameTest {

    @Test
    void acceptsDockersNames() throws Exception {
        assertEquals("web_1", ContainerName.parse("web_1").value());
        assertEquals("web", ContainerName.parse("/web").value());
        assertEquals("a.b-c", ContainerName.parse("a.b-c").value());
    }

    @Test
    void refusesOthersWithDockersWording() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContainerName.parse("bad name"));
        assertEquals("Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.getMessage());
        assertThrows(InvalidInputException.class, () -> ContainerName.parse("x"));
        assertThrows(InvalidInputException.class, () -> ContainerName.parse("_x"));
    }

    @Test
    void generatedNamesAreAdjectiveUnderscoreSurname() throws Exception {
        for (int i = 0; i < 50; i++) {
            String name = ContainerName.generate(0).value();
            assertTrue(name.matches("[a-z]+_[a-z]+"), name);
            ContainerName.parse(name);
        }
        assertTrue(ContainerName.generate(1).value().matches("[a-z]+_[a-z]+[0-9]"));
    }
}
