package dev.berth.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tar reader against our writer and against archives written by the reference tools. */
class TarReaderTest {

    @Test
    void readsBackLongNamesAndBinaryXattrs() throws Exception {
        String name = "d/" + "é".repeat(80) + "/file";
        byte[] binary = {0, (byte) 0xff, (byte) 0x80, 10, 61};
        byte[] tar = new TarBuilder().file(name, "x", 04755, 70000000, 5, Map.of("security.capability", binary))
                .symlink("s", "t".repeat(150)).bytes();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        TarEntry file = reader.next().orElseThrow();
        assertEquals(name, file.name());
        assertEquals(04755, file.mode());
        assertEquals(70000000, file.uid());
        assertArrayEquals(binary, file.xattrs().get("security.capability"));
        assertEquals("x", new String(reader.content().readAllBytes()));
        assertEquals("t".repeat(150), reader.next().orElseThrow().linkName());
        assertEquals(Optional.empty(), reader.next());
    }

    @Test
    void readsTheDockerSaveFixtureLayers() throws Exception {
        List<String> names = new ArrayList<>();
        try (var in = Files.newInputStream(Fixtures.path("bb-docker-save.tar"))) {
            TarReader outer = new TarReader(in);
            for (Optional<TarEntry> e = outer.next(); e.isPresent(); e = outer.next()) {
                names.add(e.get().name());
            }
        }
        assertTrue(names.contains("manifest.json"), names.toString());
    }
}
