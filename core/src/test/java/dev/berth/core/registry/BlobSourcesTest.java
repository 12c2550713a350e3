package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobSourcesTest {

    @TempDir
    Path root;

    private static Digest digest(String text) {
        return Digest.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static BlobSources.Source source(String blob, String repository) {
        return new BlobSources.Source(digest(blob), 100, "127.0.0.1:5000", repository);
    }

    private Path file(Digest diffId) {
        return root.resolve("sha256").resolve(diffId.hex() + ".json");
    }

    private Object fileKey(Digest diffId) throws Exception {
        return Files.readAttributes(file(diffId), BasicFileAttributes.class).fileKey();
    }

    @Test
    void recordsEachLayersNewestSourceFirstAndKeepsTheOlderOnes() throws Exception {
        BlobSources sources = new BlobSources(root);
        Digest base = digest("base");
        Digest app = digest("app");
        Map<Digest, BlobSources.Source> first = new LinkedHashMap<>();
        first.put(base, source("base.gz", "a"));
        first.put(app, source("app.gz", "a"));
        sources.record(first);
        sources.record(Map.of(base, source("base.gz", "b")));

        assertEquals(List.of(source("base.gz", "b"), source("base.gz", "a")), sources.of(base));
        assertEquals(List.of(source("app.gz", "a")), sources.of(app));
    }

    @Test
    void aLayerWhoseNewestSourceIsAlreadyRecordedIsNotWrittenAgain() throws Exception {
        BlobSources sources = new BlobSources(root);
        Digest base = digest("base");
        sources.record(Map.of(base, source("base.gz", "a")));
        Object before = fileKey(base);

        sources.record(Map.of(base, source("base.gz", "a")));
        assertEquals(before, fileKey(base), "the same file: not replaced");
        sources.record(Map.of(base, source("base.gz", "b")));
        assertNotEquals(before, fileKey(base), "replaced by a new file");
    }

    @Test
    void aFileACrashDamagedCountsAsNoSourcesAndIsReplaced() throws Exception {
        BlobSources sources = new BlobSources(root);
        Digest base = digest("base");
        Files.createDirectories(file(base).getParent());
        Files.writeString(file(base), "[{\"digest\": \"sha2");

        assertEquals(List.of(), sources.of(base));
        sources.record(Map.of(base, source("base.gz", "a")));
        assertEquals(List.of(source("base.gz", "a")), sources.of(base));
    }
}
