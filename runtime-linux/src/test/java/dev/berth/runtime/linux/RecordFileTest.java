package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWroteWhateverTheCharacters() throws Exception {
        Map<String, String> values = Map.of(
                "plain", "value",
                "key with spaces=and:marks", " leading space, trailing space ",
                "#comment-like", "!bang\\back\\slash",
                "lines", "one\ntwo\r\nthree\tfour\ffive",
                "unicode", "caf\u00e9 \u2603 \ud83d\udc33",
                "empty", "");
        Path file = dir.resolve("state");
        RecordFile.write(file, values);
        assertEquals(Optional.of(values), RecordFile.read(file));
        assertEquals(6, Files.readAllLines(file).size(), "one line per entry, no comment");
    }

    @Test
    void aMissingFileIsNoRecord() throws Exception {
        assertEquals(Optional.empty(), RecordFile.read(dir.resolve("none")));
    }
}
