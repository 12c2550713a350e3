package dev.berth.cli.processor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Java source literals for the values of annotation attributes. */
final class Literals {

    private Literals() {
    }

    static String string(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    static String strings(String[] values) {
        return Arrays.stream(values).map(Literals::string).collect(Collectors.joining(", ", "new String[] {", "}"));
    }
}
