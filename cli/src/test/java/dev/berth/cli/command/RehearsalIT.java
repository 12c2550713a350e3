package dev.berth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm-up's rehearsal runs every one of its commands as they are meant to end (so that the start-up
 * cache holds what they link), leaves no scratch store behind, and is what {@code internal-warmup} runs; the
 * registry cache's warm-up pulls from a registry of its own. Fails when a command's options drift away
 * from what the rehearsal passes.
 */
class RehearsalIT {

    @TempDir
    Path temporary;

    @ParameterizedTest
    @EnumSource(Rehearsal.Commands.class)
    void everyCommandEndsAsExpectedAndTheScratchStoreIsGone(Rehearsal.Commands which) throws IOException {
        List<String> failed = new Rehearsal(Environment.system(), temporary).perform(which, List.of());

        assertEquals(List.of(), failed);
        try (Stream<Path> left = Files.list(temporary)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "container", "registry"})
    void theWarmUpOfEachCacheRunsItsRehearsal(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        int code = Main.run(new String[] {"internal-warmup", part},
                new Streams(InputStream.nullInputStream(), print, print), Environment.system());

        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("rehearsed: every command ended as expected"),
                out.toString(StandardCharsets.UTF_8));
    }
}
