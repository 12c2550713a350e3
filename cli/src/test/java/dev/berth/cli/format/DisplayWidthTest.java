package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Each expected width was measured with Docker CLI 28.2.2: a context created with the text plus an {@code x} as
 * its description, then the padding {@code docker context ls --format 'table {{.Description}}\t|'} gave it.
 */
class DisplayWidthTest {

    private static void width(int expected, String textBeforeX) {
        assertEquals(expected, DisplayWidth.terminal(textBeforeX + "x"), GoText.quote(textBeforeX));
    }

    @Test
    void asciiIsOneColumnPerCharacter() {
        assertEquals(0, DisplayWidth.terminal(""));
        assertEquals(39, DisplayWidth.terminal("Current DOCKER_HOST based configuration"));
    }

    @Test
    void eastAsianWideAndFullwidthTakeTwo() {
        width(7, "\uD55C\uAD6D\uC5B4");   // 한국어
        width(3, "\uAC01");               // 각
        width(3, "\uFF71\uFF72");         // halfwidth katakana: one column each
        width(3, "\u301C");
        width(3, "\u3000");
        width(2, "\uFF61");
        width(3, "\u4E2D\u0300");         // 中 with a combining grave
        width(3, "\u1100\u1161");         // conjoining jamo: one syllable
    }

    @Test
    void emojiSequencesAreOneCluster() {
        width(2, "\uD83C\uDDEF\uD83C\uDDF5");             // flag: two regional indicators
        width(2, "\uD83C\uDDE6");                         // one regional indicator
        width(3, "\uD83D\uDC4D\uD83C\uDFFD");             // thumbs up, skin tone
        width(2, "\u2764\uFE0F");                         // heart with VS16
        width(2, "\u2764");
        width(2, "1\uFE0F\u20E3");                        // keycap
        width(3, "\uD83D\uDC68\u200D\uD83D\uDC69");       // man ZWJ woman
        width(3, "\uD83E\uDDD1\u200D\uD83C\uDF84");
        width(3, "\uD83C\uDFFB");                         // a skin tone alone
        width(3, "\u231A");
        width(3, "\uD83C\uDC04");
        width(2, "\u263A");
        width(2, "\u00A9");
        width(2, "\u2122\uFE0F");
        width(2, "\uFE0F");
    }

    @Test
    void marksJoinTheirBaseAndInvisibleCharactersTakeNothing() {
        width(2, "a\u0301\u0302");
        width(4, "\u0915\u093F\u0924\u093E\u092C");       // किताब: vowel signs join
        width(8, "\u0E20\u0E32\u0E29\u0E32\u0E44\u0E17\u0E22");
        width(2, "\u0E33");
        width(2, "\u05D0\u05B7");
        width(3, "a\u200Bb");
        width(3, "a\u00ADb");
        width(1, "\u200D");
        width(3, "a\u200D\u200Db");
        width(1, "\u2028");
        width(1, "\u0600");                               // a prepended mark joins the x
        width(2, "\uDB40\uDC01");                         // a language tag
        width(2, "\u1160");
        width(2, "\u11A8");
        width(2, "\uD7B0");
        width(2, "\u0903");
        width(2, "\u00B7");
        width(2, "\u2135");
    }

    @Test
    void ellipsisWidthCountsWideRunesAsTwoAndEverythingElseAsOne() {
        assertEquals(2, DisplayWidth.eastAsian(0x4F60));
        assertEquals(2, DisplayWidth.eastAsian(0x1F433));
        assertEquals(1, DisplayWidth.eastAsian('t'));
        assertEquals(1, DisplayWidth.eastAsian(0x0301));
    }
}
