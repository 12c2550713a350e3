package dev.berth.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void sha256OfBytes() {
        Digest digest = Digest.sha256("hello\n".getBytes(StandardCharsets.UTF_8));
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
}
