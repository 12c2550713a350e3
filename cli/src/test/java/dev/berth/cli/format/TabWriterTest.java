package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected strings are what Go's {@code text/tabwriter} wrote for the same input with Docker's settings
 * ({@code NewWriter(out, 10, 1, 3, ' ', 0)}, go1.19), and, for wide characters, what {@code docker context ls}
 * of Docker CLI 28.2.2 printed.
 */
class TabWriterTest {

    private static String docker(String text) {
        StringBuilder out = new StringBuilder();
        TabWriter.DOCKER.align(text, out);
        return out.toString();
    }

    private static String tight(String text) {
        StringBuilder out = new StringBuilder();
        new TabWriter(0, 1).align(text, out);
        return out.toString();
    }

    @Test
    void columnsAreTheWidestCellPlusThreeAndAtLeastTen() {
        assertEquals("NAME                    TAG       SIZE\n"
                + "busybox                 latest    1.2MB\n"
                + "alpine-very-long-name   3.19      7MB\n",
                docker("NAME\tTAG\tSIZE\nbusybox\tlatest\t1.2MB\nalpine-very-long-name\t3.19\t7MB\n"));
    }

    @Test
    void theLastCellOfALineIsNotPadded() {
        assertEquals("x         y", docker("x\ty"));
        assertEquals("trailing   \n           leading\n", docker("trailing\t\n\tleading\n"));
        assertEquals("h1        h2        h3\nr1                  last\n", docker("h1\th2\th3\nr1\t\tlast\n"));
    }

    @Test
    void aColumnIsABlockOfConsecutiveLinesThatHaveTheCell() {
        assertEquals("a         b         c\nxx        yyyy\n\nz         w\n", docker("a\tb\tc\nxx\tyyyy\n\nz\tw\n"));
        assertEquals("aaaa      bbb       d\naa        b         dd\na         \naa        cccc      eee\n",
                docker("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n"));
        assertEquals("a  b c\nxx yyyy\n\nz w\n", tight("a\tb\tc\nxx\tyyyy\n\nz\tw\n"));
        assertEquals("aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n", tight("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n"));
        assertEquals("NAME                  TAG    SIZE\nbusybox               latest 1.2MB\nalpine-very-long-name 3.19   7MB\n",
                tight("NAME\tTAG\tSIZE\nbusybox\tlatest\t1.2MB\nalpine-very-long-name\t3.19\t7MB\n"));
    }

    @Test
    void emptyCellsArePaddedToo() {
        assertEquals("                    \n          q\n", docker("\t\t\n\tq\n"));
    }

    @Test
    void aFormFeedEndsEveryColumnAndPrintsAsANewline() {
        assertEquals("one       two\nthree-long   four\nfive         six\n", docker("one\ttwo\fthree-long\tfour\nfive\tsix\n"));
    }

    @Test
    void aVerticalTabEndsACellLikeATab() {
        assertEquals("a         b         c\n", docker("a\u000Bb\tc\n"));
    }

    @Test
    void textWithoutTabsPassesThrough() {
        assertEquals("", docker(""));
        assertEquals("no tabs at all\nsecond line\n", docker("no tabs at all\nsecond line\n"));
    }

    @Test
    void wideAndCombiningCharactersAreMeasuredInColumnsAsDockerDoes() {
        String family = "e\u00B4x\u0301\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67z";
        String input = "NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR\n"
                + "comb\t" + family + "\tunix:///tmp/y.sock\t\n"
                + "default *\tCurrent DOCKER_HOST based configuration\tunix:///var/run/docker.sock\t\n"
                + "emoji\t\uD83D\uDE00\uD83D\uDE00|\uFF41\uFF42\tunix:///tmp/y.sock\t\n"
                + "wide\t<b>&\u65E5\u672C\u8A9E\tunix:///tmp/x.sock\t\n";
        String expected = "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\n"
                + "comb        " + family + "                                    unix:///tmp/y.sock            \n"
                + "default *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n"
                + "emoji       \uD83D\uDE00\uD83D\uDE00|\uFF41\uFF42                                 unix:///tmp/y.sock            \n"
                + "wide        <b>&\u65E5\u672C\u8A9E                                unix:///tmp/x.sock            \n";
        assertEquals(expected, docker(input));
    }
}
