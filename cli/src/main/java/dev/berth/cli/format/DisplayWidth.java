package dev.berth.cli.format;

/**
 * How many terminal columns text takes, the two ways Docker measures it. Docker's tables
 * ({@code cli/command/formatter/tabwriter}) measure with go-runewidth: per grapheme cluster, the width of its first
 * rune that has one, where East Asian wide and fullwidth characters take two columns and controls, zero-width
 * formats and combining marks none ({@code 日本} is 4, {@code 👍🏽} is 2, {@code é} written with a combining
 * accent is 1). Docker's ellipsis ({@code formatter.Ellipsis}) counts 2 for wide and fullwidth runes and 1 for every
 * other rune. The Unicode tables here are the ranges that matter for text in listings, not a full copy of the UCD.
 */
final class DisplayWidth {

    /** East Asian Wide (W) and Fullwidth (F) ranges, inclusive pairs, sorted (Unicode 15 EastAsianWidth.txt). */
    private static final int[] WIDE = {
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
        0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
        0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x2E99,
        0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x2FFB, 0x3000, 0x303E, 0x3041, 0x3096, 0x3099, 0x30FF,
        0x3105, 0x312F, 0x3131, 0x318E, 0x3190, 0x31E3, 0x31F0, 0x321E, 0x3220, 0x3247, 0x3250, 0x4DBF,
        0x4E00, 0xA48C, 0xA490, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19,
        0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6,
        0x16FE0, 0x16FE4, 0x16FF0, 0x16FF1, 0x17000, 0x187F7, 0x18800, 0x18CD5, 0x18D00, 0x18D08,
        0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B132, 0x1B132,
        0x1B150, 0x1B152, 0x1B155, 0x1B155, 0x1B164, 0x1B167, 0x1B170, 0x1B2FB, 0x1F004, 0x1F004,
        0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F202, 0x1F210, 0x1F23B,
        0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265, 0x1F300, 0x1F320, 0x1F32D, 0x1F335,
        0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0,
        0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D,
        0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4,
        0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7,
        0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0,
        0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA88,
        0x1FA90, 0x1FABD, 0x1FABF, 0x1FAC5, 0x1FACE, 0x1FADB, 0x1FAE0, 0x1FAE8, 0x1FAF0, 0x1FAF8,
        0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    };

    /** Characters go-runewidth gives no width although they are not controls. */
    private static final int[] NON_PRINTING = {
        0x070F, 0x070F, 0x180B, 0x180E, 0x200B, 0x200F, 0x2028, 0x202E, 0x206A, 0x206F, 0xD800, 0xDFFF,
        0xFEFF, 0xFEFF, 0xFFF9, 0xFFFB, 0xFFFE, 0xFFFF,
    };

    /** The blocks of combining characters, which go-runewidth gives no width. */
    private static final int[] COMBINING = {
        0x0300, 0x036F, 0x0483, 0x0489, 0x1AB0, 0x1AFF, 0x1DC0, 0x1DFF, 0x20D0, 0x20FF, 0x3099, 0x309A,
        0xFE20, 0xFE2F,
    };

    /** Grapheme-cluster break classes (UAX #29), as far as they change where a cluster ends. */
    private static final int OTHER = 0;
    private static final int CONTROL = 1;
    private static final int EXTEND = 2;
    private static final int ZWJ = 3;
    private static final int SPACING_MARK = 4;
    private static final int PREPEND = 5;
    private static final int REGIONAL_INDICATOR = 6;
    private static final int HANGUL_L = 7;
    private static final int HANGUL_V = 8;
    private static final int HANGUL_T = 9;
    private static final int HANGUL_LV = 10;
    private static final int HANGUL_LVT = 11;
    private static final int PICTOGRAPHIC = 12;

    private DisplayWidth() {
    }

    /** Columns {@code text} takes in a Docker table. */
    static int terminal(CharSequence text) {
        return terminal(text, 0, text.length());
    }

    /** Columns {@code text[from, to)} takes in a Docker table. */
    static int terminal(CharSequence text, int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                break;
            }
            i++;
        }
        if (i == to) {
            return to - from;
        }
        // The last plain character may start the cluster that the next character joins.
        int start = Math.max(i - 1, from);
        return start - from + clusters(text, start, to);
    }

    /** Columns of {@code text[start, end)}, summed per grapheme cluster. */
    private static int clusters(CharSequence text, int start, int end) {
        int width = 0;
        int clusterWidth = 0;
        int previous = CONTROL;
        boolean pictographicZwj = false;
        boolean pictographicRun = false;
        int regionalIndicators = 0;
        for (int i = start; i < end; ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            int property = breakProperty(c);
            boolean joins = i - Character.charCount(c) > start
                    && joins(previous, property, pictographicZwj, regionalIndicators);
            if (!joins) {
                width += clusterWidth;
                clusterWidth = 0;
                regionalIndicators = 0;
                pictographicRun = false;
            }
            if (clusterWidth == 0) {
                clusterWidth = rune(c);
            }
            regionalIndicators = property == REGIONAL_INDICATOR ? regionalIndicators + 1 : 0;
            if (property == PICTOGRAPHIC) {
                pictographicRun = true;
            } else if (property != EXTEND && property != ZWJ) {
                pictographicRun = false;
            }
            pictographicZwj = pictographicRun && property == ZWJ;
            previous = property;
        }
        return width + clusterWidth;
    }

    private static boolean joins(int previous, int current, boolean pictographicZwj, int regionalIndicators) {
        if (previous == CONTROL || current == CONTROL) {
            return false;
        }
        switch (current) {
            case EXTEND:
            case ZWJ:
            case SPACING_MARK:
                return true;
            default:
                break;
        }
        if (previous == PREPEND) {
            return true;
        }
        if (current == PICTOGRAPHIC && pictographicZwj) {
            return true;
        }
        if (current == REGIONAL_INDICATOR && previous == REGIONAL_INDICATOR) {
            return regionalIndicators % 2 == 1;
        }
        switch (previous) {
            case HANGUL_L:
                return current == HANGUL_L || current == HANGUL_V || current == HANGUL_LV || current == HANGUL_LVT;
            case HANGUL_LV:
            case HANGUL_V:
                return current == HANGUL_V || current == HANGUL_T;
            case HANGUL_LVT:
            case HANGUL_T:
                return current == HANGUL_T;
            default:
                return false;
        }
    }

    private static int breakProperty(int c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return CONTROL;
        }
        if (c < 0x300) {
            return c == 0xAD ? CONTROL : c == 0xA9 || c == 0xAE ? PICTOGRAPHIC : OTHER;
        }
        if (c == 0x200D) {
            return ZWJ;
        }
        if (c == 0x200C || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F)
                || c == 0xFF9E || c == 0xFF9F) {
            return EXTEND;
        }
        if ((c >= 0x0600 && c <= 0x0605) || c == 0x06DD || c == 0x070F || c == 0x0890 || c == 0x0891
                || c == 0x08E2 || c == 0x110BD || c == 0x110CD) {
            return PREPEND;
        }
        if (c >= 0x1F1E6 && c <= 0x1F1FF) {
            return REGIONAL_INDICATOR;
        }
        if (c >= 0x1100 && c <= 0x11FF || c >= 0xA960 && c <= 0xA97C || c >= 0xD7B0 && c <= 0xD7FB) {
            return c <= 0x115F || c >= 0xA960 && c <= 0xA97C ? HANGUL_L
                    : c <= 0x11A7 || c >= 0xD7B0 && c <= 0xD7C6 ? HANGUL_V : HANGUL_T;
        }
        if (c >= 0xAC00 && c <= 0xD7A3) {
            return (c - 0xAC00) % 28 == 0 ? HANGUL_LV : HANGUL_LVT;
        }
        if (c == 0x0E33 || c == 0x0EB3) {
            return SPACING_MARK;
        }
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
                return EXTEND;
            case Character.COMBINING_SPACING_MARK:
                return SPACING_MARK;
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return CONTROL;
            default:
                return pictographic(c) ? PICTOGRAPHIC : OTHER;
        }
    }

    /** Extended_Pictographic, approximated by the emoji blocks and the older symbols emoji use. */
    private static boolean pictographic(int c) {
        return c >= 0x1F000 && c <= 0x1FAFF || c >= 0x2600 && c <= 0x27BF || c >= 0x2300 && c <= 0x23FF
                || c >= 0x2B00 && c <= 0x2BFF || c >= 0x2190 && c <= 0x21FF || c == 0x203C || c == 0x2049
                || c == 0x2122 || c == 0x2139 || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299
                || c >= 0x1FC00 && c <= 0x1FFFD;
    }

    /** go-runewidth's {@code RuneWidth} outside East Asian locales. */
    static int rune(int c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD) {
            return 0;
        }
        if (c < 0x300) {
            return 1;
        }
        if (in(NON_PRINTING, c) || in(COMBINING, c)) {
            return 0;
        }
        return in(WIDE, c) ? 2 : 1;
    }

    /** golang.org/x/text/width: 2 for East Asian wide and fullwidth runes, else 1. */
    static int eastAsian(int c) {
        return c >= 0x1100 && in(WIDE, c) ? 2 : 1;
    }

    private static boolean in(int[] ranges, int c) {
        int low = 0;
        int high = ranges.length / 2 - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (c < ranges[2 * middle]) {
                high = middle - 1;
            } else if (c > ranges[2 * middle + 1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
