package dev.berth.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void sha256OfBytes() {
        Digest digest = Digest.of("hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", digest.toString());
        assertEquals("5891b5b522d5", digest.shortHex());
    }

    @Test
    void parseRoundTrips() throws Exception {
        String text = "sha256:0fd50f117b80ead461d51904e51551aa847f968155ac0820ed15cc74ad4b751f";
        assertEquals(text, Digest.parse(text).toString());
    }

    @Test
    void badDigestsAreRefused() {
        assertThrows(InvalidInputException.class, () -> Digest.parse("0fd50f117b80"));
        assertThrows(InvalidInputException.class, () -> Digest.parse("sha256:0fd5"));
        assertThrows(InvalidInputException.class, () -> Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e"));
    }

    @Test
    void chainIdsFollowTheOciFormula() throws Exception {
        // The fixture's two diff IDs (bb:2); the chain ID of the second is sha256("<first> <second>").
        Digest first = Digest.parse("sha256:a9389c5b10ab69a92e1e94973c34a543a65f6e05fe490dce2a92f99c37588d8f");
        Digest second = Digest.parse("sha256:bef164d0481e75bf1a59c7244ec96cf8f03ae604e08ac48eea45912c1434888a");
        assertEquals(first, Digest.chain(Optional.empty(), first));
        assertEquals(Digest.of((first + " " + second).getBytes(StandardCharsets.US_ASCII)),
                Digest.chain(Optional.of(first), second));
    }
}
