package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON as Go's {@code encoding/json} writes it, for the template function {@code json}: the escapes Go
 * uses ({@code \u001f} in lower case, {@code \b} and {@code \f} since Go 1.22, U+2028 and U+2029 always), Go's float
 * format, and optionally the HTML escapes ({@code <} as {@code \u003c}) that {@code json.Marshal} adds. Docker's
 * {@code json} function turns HTML escaping off, but its listing rows marshal themselves with it on, so
 * {@code --format json} shows {@code "\u003cnone\u003e"} while {@code {{json .Tag}}} shows {@code "<none>"}.
 * Written by hand rather than with Jackson so that the escapes are Go's and nothing heavy loads at start-up.
 */
final class GoJson {

    private GoJson() {
    }

    /**
     * Encodes a template value.
     *
     * @throws IllegalArgumentException for NaN or infinite numbers, which Go refuses to encode
     */
    static String encode(Object value, boolean escapeHtml) {
        StringBuilder out = new StringBuilder();
        write(out, value, escapeHtml);
        return out.toString();
    }

    /**
     * Indented JSON as Go's {@code json.MarshalIndent(v, "", "    ")} writes it (HTML escapes on), the way
     * {@code docker inspect} prints.
     */
    static String indented(Object value) {
        StringBuilder out = new StringBuilder();
        indented(out, value, 0);
        return out.toString();
    }

    private static void indented(StringBuilder out, Object value, int depth) {
        if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
            out.append("{\n");
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(",\n");
                }
                first = false;
                out.append("    ".repeat(depth + 1));
                string(out, String.valueOf(entry.getKey()), true);
                out.append(": ");
                indented(out, entry.getValue(), depth + 1);
            }
            out.append('\n').append("    ".repeat(depth)).append('}');
        } else if (value instanceof List && !((List<?>) value).isEmpty()) {
            out.append("[\n");
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(",\n");
                }
                first = false;
                out.append("    ".repeat(depth + 1));
                indented(out, element, depth + 1);
            }
            out.append('\n').append("    ".repeat(depth)).append(']');
        } else {
            write(out, value, true);
        }
    }

    private static void write(StringBuilder out, Object value, boolean escapeHtml) {
        if (value == null || value == TemplateValues.MISSING) {
            out.append("null");
        } else if (value instanceof String) {
            string(out, (String) value, escapeHtml);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue());
        } else if (TemplateValues.isFloat(value)) {
            out.append(GoFloats.json(((Number) value).doubleValue()));
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map) {
            object(out, (Map<?, ?>) value, false, escapeHtml);
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, element, escapeHtml);
            }
            out.append(']');
        } else if (value instanceof GoStruct) {
            GoStruct struct = (GoStruct) value;
            // A formatter context marshals itself (json.Marshal of a map): keys sorted, HTML escaped.
            boolean context = struct.isFormatterContext();
            object(out, struct.dataFields(), context, escapeHtml || context);
        } else {
            throw new IllegalArgumentException("json: unsupported type: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, boolean sorted, boolean escapeHtml) {
        Iterable<? extends Map.Entry<?, ?>> entries = sorted ? TemplateValues.sortedEntries(map) : map.entrySet();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(entry.getKey()), escapeHtml);
            out.append(':');
            write(out, entry.getValue(), escapeHtml);
        }
        out.append('}');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void string(StringBuilder out, String s, boolean escapeHtml) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    continue;
                case '\\':
                    out.append("\\\\");
                    continue;
                case '\b':
                    out.append("\\b");
                    continue;
                case '\f':
                    out.append("\\f");
                    continue;
                case '\n':
                    out.append("\\n");
                    continue;
                case '\r':
                    out.append("\\r");
                    continue;
                case '\t':
                    out.append("\\t");
                    continue;
                case '<':
                case '>':
                case '&':
                    if (escapeHtml) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                    continue;
                case '\u2028':
                case '\u2029':
                    unicodeEscape(out, c);
                    continue;
                default:
                    break;
            }
            if (c < 0x20) {
                unicodeEscape(out, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                // Not valid UTF-8 once encoded: Go writes the replacement character's escape.
                out.append("\\ufffd");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
