package dev.berth.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "busybox, docker.io/library/busybox, busybox, busybox:latest",
        "busybox:1.36, docker.io/library/busybox, busybox, busybox:1.36",
        "library/busybox, docker.io/library/busybox, busybox, busybox:latest",
        "docker.io/busybox, docker.io/library/busybox, busybox, busybox:latest",
        "index.docker.io/library/busybox, docker.io/library/busybox, busybox, busybox:latest",
        "user/app:v2, docker.io/user/app, user/app, user/app:v2",
        "localhost:5000/a/b:t, localhost:5000/a/b, localhost:5000/a/b, localhost:5000/a/b:t",
        "localhost/x, localhost/x, localhost/x, localhost/x:latest",
        "127.0.0.1:5000/ns/name, 127.0.0.1:5000/ns/name, 127.0.0.1:5000/ns/name, 127.0.0.1:5000/ns/name:latest",
        "registry.example.com/a/b/c, registry.example.com/a/b/c, registry.example.com/a/b/c, registry.example.com/a/b/c:latest",
        "bb:2, docker.io/library/bb, bb, bb:2",
        "a__b-c---d/e_f.g, docker.io/a__b-c---d/e_f.g, a__b-c---d/e_f.g, a__b-c---d/e_f.g:latest",
        "a.b/c, a.b/c, a.b/c, a.b/c:latest",
        "[::1]:5000/x, [::1]:5000/x, [::1]:5000/x, [::1]:5000/x:latest",
    })
    void normalisesLikeDistributionReference(String input, String full, String familiar, String withTag)
            throws Exception {
        ImageReference ref = ImageReference.parse(input);
        assertEquals(full, ref.fullName());
        assertEquals(familiar, ref.familiarName());
        assertEquals(withTag, ref.withDefaultTag().familiarString());
    }

    @Test
    void digestReference() throws Exception {
        String hex = "4578c21846172cad1d2c6091ca9e71ec29f98186f53c2c458b82e3882c2e8b98";
        ImageReference ref = ImageReference.parse("bb@sha256:" + hex);
        assertEquals(Optional.of(new Digest(hex)), ref.digest());
        assertEquals(Optional.empty(), ref.tag());
        assertEquals(ref, ref.withDefaultTag(), "a digest needs no default tag");
        assertEquals("docker.io/library/bb@sha256:" + hex, ref.toString());
        ImageReference both = ImageReference.parse("bb:2@sha256:" + hex);
        assertEquals(Optional.of("2"), both.tag());
    }

    @Test
    void anUpperCaseRegistryIsADomain() throws Exception {
        assertEquals("Example", ImageReference.parse("Example/foo").domain());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Busybox|invalid reference format: repository name (library/Busybox) must be lowercase",
        "user/App:1|invalid reference format: repository name (user/App) must be lowercase",
        "a b|invalid reference format",
        "bb:|invalid reference format",
        "bb:-tag|invalid reference format",
        ":tag|invalid reference format",
        "-bb|invalid reference format",
        "bb@sha256:abc|invalid reference format",
        "bb@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789|invalid checksum digest format: \"sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789\"",
        "0fd50f117b80ead461d51904e51551aa847f968155ac0820ed15cc74ad4b751f|invalid repository name (0fd50f117b80ead461d51904e51551aa847f968155ac0820ed15cc74ad4b751f), cannot specify 64-byte hexadecimal strings",
    })
    void refusesWithDockersWording(String input, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(input));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aTooLongNameIsRefused() {
        String longName = "a/" + "b".repeat(300);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(longName));
        assertEquals("invalid reference format: repository name must not be more than 255 characters", e.getMessage());
    }

    @Test
    void tagLengthIsLimitedTo128() throws Exception {
        ImageReference.parse("bb:" + "t".repeat(128));
        assertThrows(InvalidInputException.class, () -> ImageReference.parse("bb:" + "t".repeat(129)));
        assertEquals(true, ImageReference.isValidTag("v1.0_rc-2"));
        assertEquals(false, ImageReference.isValidTag(".v1"));
    }
}
