package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Ellipsis cases are docker/cli's own ({@code displayutils_test.go}); the rest follow Docker's listings. */
class TruncationTest {

    @Test
    void idsLoseTheirAlgorithmAndKeepTwelveCharacters() {
        assertEquals("0fd50f117b80",
                Truncation.id("sha256:0fd50f117b80c2d8b9c2a1f7a3b8cbaf6d50d6c8b1d1d0f3b5a4c5f1e2d3c4b5"));
        assertEquals("cd7aea87cca1", Truncation.id("cd7aea87cca1aaaaaaaaaaaaaaaa"));
        assertEquals("abc", Truncation.id("abc"));
        assertEquals("", Truncation.id("sha256:"));
    }

    @Test
    void ellipsisLikeDocker() {
        assertEquals("", Truncation.ellipsis("t\uD83D\uDC33ststring", 0));
        assertEquals("t", Truncation.ellipsis("t\uD83D\uDC33ststring", 1));
        assertEquals("t…", Truncation.ellipsis("t\uD83D\uDC33ststring", 2));
        assertEquals("t\uD83D\uDC33st…", Truncation.ellipsis("t\uD83D\uDC33ststring", 6));
        assertEquals("t\uD83D\uDC33ststring", Truncation.ellipsis("t\uD83D\uDC33ststring", 20));
        assertEquals("", Truncation.ellipsis("你好世界teststring", 0));
        assertEquals("你", Truncation.ellipsis("你好世界teststring", 1));
        assertEquals("你…", Truncation.ellipsis("你好世界teststring", 3));
        assertEquals("你好…", Truncation.ellipsis("你好世界teststring", 6));
        assertEquals("你好世界teststring", Truncation.ellipsis("你好世界teststring", 20));
        assertEquals("abcd", Truncation.ellipsis("abcd", 4));
        assertEquals("abc…", Truncation.ellipsis("abcde", 4));
    }

    @Test
    void psCommandsAreCutToTwentyColumnsAndQuoted() {
        assertEquals("\"sh -c 'sleep 1000'\"", Truncation.command("sh -c 'sleep 1000'", true));
        assertEquals("\"sh -c 'while true; …\"", Truncation.command("sh -c 'while true; do sleep 1; done'", true));
        assertEquals("\"sh -c 'while true; do sleep 1; done'\"",
                Truncation.command("sh -c 'while true; do sleep 1; done'", false));
        assertEquals("\"echo \\\"hi\\\"\\tthere\"", Truncation.command("echo \"hi\"\tthere", true));
        assertEquals("\"\"", Truncation.command("", true));
    }
}
