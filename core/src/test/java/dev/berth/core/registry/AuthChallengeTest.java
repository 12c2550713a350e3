package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void dockerHubsBearerChallenge() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull,push\""));
        assertEquals(List.of(new AuthChallenge("bearer", Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:library/busybox:pull,push"))), challenges);
    }

    @Test
    void basicWithSpacesEscapesAndUnquotedValues() {
        assertEquals(List.of(new AuthChallenge("basic", Map.of("realm", "My \"Realm\"", "charset", "UTF-8"))),
                AuthChallenge.parse(List.of("Basic  realm = \"My \\\"Realm\\\"\" , charset=UTF-8")));
    }

    @Test
    void severalChallengesInOneHeaderAndBearerPreferred() {
        List<String> header = List.of("Basic realm=\"r\", Bearer realm=\"https://t/token\",service=\"s\"");
        assertEquals(2, AuthChallenge.parse(header).size());
        assertTrue(AuthChallenge.preferred(header).orElseThrow().isBearer());
        assertEquals("https://t/token", AuthChallenge.preferred(header).orElseThrow().parameter("realm").orElseThrow());
        assertTrue(AuthChallenge.preferred(List.of("Basic realm=\"x\"")).orElseThrow().isBasic());
        assertTrue(AuthChallenge.preferred(List.of("Negotiate")).isEmpty());
        assertTrue(AuthChallenge.preferred(List.of()).isEmpty());
    }
}
