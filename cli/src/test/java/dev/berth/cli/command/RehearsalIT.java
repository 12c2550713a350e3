package dev.berth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.cli.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up's rehearsal runs every one of its commands as they are meant to end (so that the start-up
 * cache holds what they link), and leaves no scratch store behind. Fails when a command's options drift away
 * from what the rehearsal passes.
 */
class RehearsalIT {

    @TempDir
    Path temporary;

    @Test
    void everyCommandEndsAsExpectedAndTheScratchStoreIsGone() throws IOException {
        List<String> failed = new Rehearsal(Environment.system(), temporary).perform();

        assertEquals(List.of(), failed);
        try (Stream<Path> left = Files.list(temporary)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
