package dev.berth.cli.format;

import java.nio.charset.StandardCharsets;

/**
 * Go's string functions that Docker's output depends on, per code point as Go works per rune: {@code strconv.Quote},
 * {@code unicode.IsPrint}, {@code strings.ToUpper}/{@code ToLower}/{@code Title}, and byte-based lengths and cuts
 * (Go strings are UTF-8 bytes, so {@code len "日本"} is 6).
 */
final class GoText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoText() {
    }

    /** {@code strconv.Quote}: double quotes, Go escapes for what is not printable. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            appendEscaped(out, c, '"');
        }
        return out.append('"').toString();
    }

    /** {@code strconv.QuoteRune}: {@code %q} of an integer. */
    static String quoteRune(long value) {
        int c = value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)
                ? 0xFFFD : (int) value;
        StringBuilder out = new StringBuilder(8).append('\'');
        appendEscaped(out, c, '\'');
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int c, char quote) {
        if (c == quote || c == '\\') {
            out.append('\\').append((char) c);
            return;
        }
        if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
            c = 0xFFFD;
        }
        if (isPrint(c)) {
            out.appendCodePoint(c);
            return;
        }
        switch (c) {
            case 0x07:
                out.append("\\a");
                return;
            case '\b':
                out.append("\\b");
                return;
            case '\f':
                out.append("\\f");
                return;
            case '\n':
                out.append("\\n");
                return;
            case '\r':
                out.append("\\r");
                return;
            case '\t':
                out.append("\\t");
                return;
            case 0x0B:
                out.append("\\v");
                return;
            default:
                break;
        }
        if (c < ' ' || c == 0x7f) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        } else if (c < 0x10000) {
            out.append("\\u");
            hex(out, c, 4);
        } else {
            out.append("\\U");
            hex(out, c, 8);
        }
    }

    static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xF]);
        }
    }

    /** {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** {@code strings.ToUpper}: rune by rune, so {@code ß} stays as it is (Java's would give {@code SS}). */
    static String upper(String s) {
        return changeCase(s, true);
    }

    /** {@code strings.ToLower}: rune by rune, without Java's locale and final-sigma rules. */
    static String lower(String s) {
        return changeCase(s, false);
    }

    private static String changeCase(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** {@code strings.Title}: the first letter of each word in title case, words split as Go splits them. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int previous = ' ';
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(isSeparator(previous) ? Character.toTitleCase(c) : c);
            previous = c;
        }
        return out.toString();
    }

    private static boolean isSeparator(int c) {
        if (c <= 0x7F) {
            return !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_');
        }
        if (Character.isLetter(c) || Character.isDigit(c)) {
            return false;
        }
        return c == 0x85 || Character.isSpaceChar(c);
    }

    /** Go's {@code len} of a string: its length in UTF-8 bytes. */
    static int byteLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Go's {@code s[from:to]} on bytes. A cut through a multi-byte character leaves bytes that are not UTF-8;
     * Go prints them raw and terminals show them as U+FFFD, which is what decoding them here gives.
     */
    static String byteSlice(String s, int from, int to) {
        if (byteLength(s) == s.length()) {
            return s.substring(from, to);
        }
        return new String(utf8(s), from, to - from, StandardCharsets.UTF_8);
    }
}
