package dev.berth.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void parsesDockersPolicies() throws Exception {
        assertEquals(RestartPolicy.NO, RestartPolicy.parse("no"));
        assertEquals(new RestartPolicy(RestartPolicy.Name.ON_FAILURE, 3), RestartPolicy.parse("on-failure:3"));
        assertEquals(new RestartPolicy(RestartPolicy.Name.ON_FAILURE, 0), RestartPolicy.parse("on-failure"));
        assertEquals(RestartPolicy.Name.ALWAYS, RestartPolicy.parse("always").name());
        assertEquals(RestartPolicy.Name.UNLESS_STOPPED, RestartPolicy.parse("unless-stopped").name());
        assertEquals("on-failure:3", RestartPolicy.parse("on-failure:3").toString());
    }

    @Test
    void refusesBadPolicies() {
        assertTrue(assertThrows(InvalidInputException.class, () -> RestartPolicy.parse("sometimes"))
                .getMessage().contains("unknown policy 'sometimes'"));
        assertThrows(InvalidInputException.class, () -> RestartPolicy.parse("always:3"));
        assertThrows(InvalidInputException.class, () -> RestartPolicy.parse("on-failure:x"));
        assertThrows(InvalidInputException.class, () -> RestartPolicy.parse(":3"));
    }

    @Test
    void decidesLikeDocker() throws Exception {
        RestartPolicy onFailure = RestartPolicy.parse("on-failure:2");
        assertTrue(onFailure.shouldRestart(1, 0, false));
        assertTrue(onFailure.shouldRestart(1, 1, false));
        assertFalse(onFailure.shouldRestart(1, 2, false), "retry count reached");
        assertFalse(onFailure.shouldRestart(0, 0, false), "success does not restart");
        assertTrue(RestartPolicy.parse("always").shouldRestart(0, 10, false));
        assertFalse(RestartPolicy.parse("always").shouldRestart(0, 0, true), "a manual stop wins");
        assertFalse(RestartPolicy.NO.shouldRestart(1, 0, false));
    }

    @Test
    void backOffDoublesFrom100MillisecondsToOneMinute() {
        assertEquals(Duration.ofMillis(100), RestartPolicy.delay(0));
        assertEquals(Duration.ofMillis(200), RestartPolicy.delay(1));
        assertEquals(Duration.ofMillis(400), RestartPolicy.delay(2));
        assertEquals(Duration.ofMillis(51200), RestartPolicy.delay(9));
        assertEquals(Duration.ofMinutes(1), RestartPolicy.delay(10));
        assertEquals(Duration.ofMinutes(1), RestartPolicy.delay(1000));
    }
}
