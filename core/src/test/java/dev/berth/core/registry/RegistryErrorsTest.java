package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

    @Test
    void theDistributionErrorsInDockersWords() {
        assertEquals("manifest unknown: manifest unknown", RegistryErrors.describe(404,
                bytes("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}")));
        assertEquals("denied: requested access to the resource is denied; name unknown: repository name not known",
                RegistryErrors.describe(403, bytes("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the"
                        + " resource is denied\"},{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}")));
        assertEquals("incorrect username or password", RegistryErrors.describe(401,
                bytes("{\"details\":\"incorrect username or password\"}")));
    }

    @Test
    void otherBodiesGiveTheirTextOrTheStatus() {
        assertEquals("received unexpected HTTP status: 502 Bad Gateway", RegistryErrors.describe(502, new byte[0]));
        assertEquals("received unexpected HTTP status: 500 Internal Server Error",
                RegistryErrors.describe(500, bytes("<html><body>oops</body></html>")));
        assertEquals("upstream timed out", RegistryErrors.describe(504, bytes("upstream timed out\n")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
