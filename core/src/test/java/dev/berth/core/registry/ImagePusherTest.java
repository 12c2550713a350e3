package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageManifest;
import dev.berth.core.image.Manifest;
import dev.berth.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImagePusherTest {

    @Test
    void theManifestIsWrittenAsDockerPushWritesIt() throws Exception {
        byte[] configBytes = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        ImageConfig config = ImageConfig.parse(configBytes, "config");
        Digest layer = new Digest("b".repeat(64));
        byte[] manifest = ImagePusher.manifest(config, List.of(new PushedBlob(layer, 2811478)));
        assertEquals("{\n"
                + "   \"schemaVersion\": 2,\n"
                + "   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n"
                + "   \"config\": {\n"
                + "      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n"
                + "      \"size\": " + configBytes.length + ",\n"
                + "      \"digest\": \"" + Digest.of(configBytes) + "\"\n"
                + "   },\n"
                + "   \"layers\": [\n"
                + "      {\n"
                + "         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n"
                + "         \"size\": 2811478,\n"
                + "         \"digest\": \"sha256:" + "b".repeat(64) + "\"\n"
                + "      }\n"
                + "   ]\n"
                + "}", new String(manifest, StandardCharsets.UTF_8));
        ImageManifest parsed = (ImageManifest) Manifest.parse(manifest, Optional.of(
                "application/vnd.docker.distribution.manifest.v2+json"), "pushed");
        assertEquals(layer, parsed.layers().get(0).digest());
    }
}
