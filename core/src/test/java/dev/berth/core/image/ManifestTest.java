package dev.berth.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestTest {

    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    static Manifest parse(String json, String contentType) throws InvalidInputException {
        return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(contentType), "the manifest");
    }

    @Test
    void anOciManifestWithoutMediaTypeIsToldByItsFields() throws Exception {
        ImageManifest manifest = assertInstanceOf(ImageManifest.class, parse("{\"schemaVersion\":2,\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A + "\",\"size\":7},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + B + "\",\"size\":9}]}", null));
        assertEquals(MediaTypes.OCI_MANIFEST, manifest.mediaType());
        assertEquals(7, manifest.config().size());
        assertEquals(B, manifest.layers().get(0).digest().toString());
    }

    @Test
    void anIndexChoosesTheFirstEntryForThePlatform() throws Exception {
        ImageIndex index = assertInstanceOf(ImageIndex.class, parse("{\"schemaVersion\":2,\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + C + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}", MediaTypes.OCI_INDEX));
        assertEquals(B, index.select(Platform.parse("linux/amd64")).orElseThrow().digest().toString());
        assertEquals(A, index.select(Platform.parse("linux/arm/v7")).orElseThrow().digest().toString());
        assertEquals(Optional.empty(), index.select(Platform.parse("linux/arm/v6")));
        assertEquals(Optional.empty(), index.select(Platform.parse("linux/s390x")));
    }

    @Test
    void refusals() {
        assertEquals("the manifest is a Docker schema 1 manifest, which berth does not read (Docker 28 neither); push "
                + "the image again with a current tool", assertThrows(InvalidInputException.class,
                () -> parse("{\"schemaVersion\":1,\"fsLayers\":[]}", null)).getMessage());
        assertEquals("the manifest says it is \"" + MediaTypes.OCI_INDEX + "\" but was served as \""
                + MediaTypes.DOCKER_MANIFEST + "\"; the registry is misconfigured", assertThrows(InvalidInputException.class,
                () -> parse("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}",
                        MediaTypes.DOCKER_MANIFEST)).getMessage());
        assertEquals("the manifest has the media type \"application/vnd.cncf.helm.chart\", which is not an image (berth "
                + "reads Docker schema 2 and OCI images)", assertThrows(InvalidInputException.class,
                () -> parse("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.cncf.helm.chart\"}", null)).getMessage());
        assertEquals("the manifest's layers[0] has no valid size", assertThrows(InvalidInputException.class,
                () -> parse("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\",\"size\":1},\"layers\":[{\"digest\":\""
                        + B + "\"}]}", null)).getMessage());
        assertEquals("the manifest's config has the digest \"sha512:00\"; berth reads sha256 digests only",
                assertThrows(InvalidInputException.class, () -> parse("{\"schemaVersion\":2,\"config\":{\"digest\":"
                        + "\"sha512:00\",\"size\":1},\"layers\":[]}", null)).getMessage());
        assertThrows(InvalidInputException.class, () -> parse("[]", null));
        assertThrows(InvalidInputException.class, () -> parse("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A
                + "\",\"size\":1}}", null));
    }
}
