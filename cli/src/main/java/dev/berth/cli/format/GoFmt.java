package dev.berth.cli.format;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} package for template values: what {@code {{.}}}, {@code print}, {@code println} and
 * {@code printf} write. Verbs {@code %v %+v %#v %T %s %q %x %X %d %b %o %O %c %U %e %E %f %F %g %G %t %%} with
 * flags {@code + - # 0 space}, width, precision, {@code *} and {@code [n]} argument indexes; mistakes print as Go
 * prints them ({@code %!d(string=web)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=2)}). Maps print with sorted
 * keys; a verb applies to each element of a map or list, as in Go. Hexadecimal and binary forms of floats are
 * not supported and print as a wrong verb.
 */
final class GoFmt {

    private static final String NIL = "<nil>";

    private final StringBuilder out;
    /** Whether a pointer at the top prints as what it points to, as template actions print values. */
    private boolean dereference;
    private boolean minus;
    private boolean plus;
    private boolean sharp;
    private boolean space;
    private boolean zero;
    private boolean plusV;
    private boolean sharpV;
    private int width;
    private boolean widthPresent;
    private int precision;
    private boolean precisionPresent;

    private GoFmt(StringBuilder out) {
        this.out = out;
    }

    /**
     * How an action prints its value: {@code fmt.Fprint} of the value after following a pointer, so that a
     * struct such as a listing row prints as {@code {a b}} where {@code printf "%v"} prints {@code &{a b}}.
     */
    static void print(StringBuilder out, Object value) {
        if (value instanceof String) {
            out.append((String) value);
        } else {
            GoFmt fmt = new GoFmt(out);
            fmt.dereference = true;
            fmt.printArg(value, 'v');
        }
    }

    /** {@code fmt.Sprint}: operands side by side, with a space between two that are not strings. */
    static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        GoFmt fmt = new GoFmt(out);
        boolean previousString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String;
            if (i > 0 && !isString && !previousString) {
                out.append(' ');
            }
            fmt.clearFlags();
            fmt.printArg(arg, 'v');
            previousString = isString;
        }
        return out.toString();
    }

    /** {@code fmt.Sprintln}: operands separated by spaces, then a newline. */
    static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        GoFmt fmt = new GoFmt(out);
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            fmt.clearFlags();
            fmt.printArg(args.get(i), 'v');
        }
        return out.append('\n').toString();
    }

    /** {@code fmt.Sprintf}. */
    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        new GoFmt(out).doPrintf(format, args);
        return out.toString();
    }

    private void clearFlags() {
        minus = false;
        plus = false;
        sharp = false;
        space = false;
        zero = false;
        plusV = false;
        sharpV = false;
        width = 0;
        widthPresent = false;
        precision = 0;
        precisionPresent = false;
    }

    // ---- printf ----------------------------------------------------------------------------------------------

    private int argNum;
    private boolean reordered;
    private boolean goodArgNum;
    private int position;

    private void doPrintf(String format, List<Object> args) {
        int end = format.length();
        argNum = 0;
        reordered = false;
        boolean afterIndex;
        int i = 0;
        while (i < end) {
            goodArgNum = true;
            int last = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > last) {
                out.append(format, last, i);
            }
            if (i >= end) {
                break;
            }
            i++;
            clearFlags();
            boolean simple = false;
            flags:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#':
                        sharp = true;
                        break;
                    case '0':
                        zero = !minus;
                        break;
                    case '+':
                        plus = true;
                        break;
                    case '-':
                        minus = true;
                        zero = false;
                        break;
                    case ' ':
                        space = true;
                        break;
                    default:
                        if (c >= 'a' && c <= 'z' && argNum < args.size()) {
                            verbFlags(c);
                            printArg(args.get(argNum), c);
                            argNum++;
                            i++;
                            simple = true;
                        }
                        break flags;
                }
            }
            if (simple) {
                continue;
            }
            position = i;
            afterIndex = argNumber(format, args.size());
            i = position;
            if (i < end && format.charAt(i) == '*') {
                i++;
                widthPresent = intFromArg(args);
                if (!widthPresent) {
                    out.append("%!(BADWIDTH)");
                }
                if (width < 0) {
                    width = -width;
                    minus = true;
                    zero = false;
                }
                afterIndex = false;
            } else {
                i = parseNumber(format, i, end, true);
                if (afterIndex && widthPresent) {
                    goodArgNum = false;
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false;
                }
                position = i;
                afterIndex = argNumber(format, args.size());
                i = position;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    int savedWidth = width;
                    boolean savedWidthPresent = widthPresent;
                    precisionPresent = intFromArg(args);
                    precision = width;
                    width = savedWidth;
                    widthPresent = savedWidthPresent;
                    if (precision < 0) {
                        precision = 0;
                        precisionPresent = false;
                    }
                    if (!precisionPresent) {
                        out.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    i = parseNumber(format, i, end, false);
                    if (!precisionPresent) {
                        precision = 0;
                        precisionPresent = true;
                    }
                }
            }
            if (!afterIndex) {
                position = i;
                argNumber(format, args.size());
                i = position;
            }
            if (i >= end) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
            } else if (!goodArgNum) {
                out.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    verbFlags('v');
                }
                printArg(args.get(argNum), verb);
                argNum++;
            }
        }
        if (!reordered && argNum < args.size()) {
            clearFlags();
            out.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) {
                    out.append(", ");
                }
                typeAndValue(args.get(k));
            }
            out.append(')');
        }
    }

    private void verbFlags(int verb) {
        if (verb == 'v') {
            sharpV = sharp;
            sharp = false;
            plusV = plus;
            plus = false;
        }
    }

    /** Parses {@code [n]} at {@link #position}; returns whether one was there. */
    private boolean argNumber(String format, int numArgs) {
        int i = position;
        if (i >= format.length() || format.charAt(i) != '[') {
            return false;
        }
        reordered = true;
        if (format.length() - i < 3) {
            position = i + 1;
            goodArgNum = false;
            return false;
        }
        for (int j = i + 1; j < format.length(); j++) {
            if (format.charAt(j) == ']') {
                int k = i + 1;
                long index = 0;
                while (k < j && Character.isDigit(format.charAt(k)) && format.charAt(k) < 0x80) {
                    index = index * 10 + (format.charAt(k) - '0');
                    if (index > 1_000_000) {
                        break;
                    }
                    k++;
                }
                position = j + 1;
                if (k != j || k == i + 1) {
                    goodArgNum = false;
                    return false;
                }
                if (index - 1 >= 0 && index - 1 < numArgs) {
                    argNum = (int) index - 1;
                    return true;
                }
                goodArgNum = false;
                return true;
            }
        }
        position = i + 1;
        goodArgNum = false;
        return false;
    }

    /** Reads the next argument as a width (stored in {@link #width}); false if it is not an int. */
    private boolean intFromArg(List<Object> args) {
        width = 0;
        if (argNum >= args.size()) {
            return false;
        }
        Object arg = args.get(argNum++);
        if (!TemplateValues.isInteger(arg)) {
            return false;
        }
        long value = ((Number) arg).longValue();
        if (value > 1_000_000 || value < -1_000_000) {
            return false;
        }
        width = (int) value;
        return true;
    }

    private int parseNumber(String format, int i, int end, boolean forWidth) {
        int start = i;
        long number = 0;
        while (i < end && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
            number = number * 10 + (format.charAt(i) - '0');
            if (number > 1_000_000) {
                // Go gives up on absurd numbers and treats them as absent.
                if (forWidth) {
                    widthPresent = false;
                } else {
                    precisionPresent = false;
                }
                return end;
            }
            i++;
        }
        boolean present = i > start;
        if (forWidth) {
            widthPresent = present;
            width = (int) number;
        } else {
            precisionPresent = present;
            precision = (int) number;
        }
        return i;
    }

    // ---- values ----------------------------------------------------------------------------------------------

    private void printArg(Object arg, int verb) {
        if (arg == null || arg == TemplateValues.MISSING) {
            if (verb == 'T' || verb == 'v') {
                pad(NIL);
            } else {
                badVerb(verb, arg);
            }
            return;
        }
        if (verb == 'T') {
            pad(TemplateValues.typeName(arg));
            return;
        }
        printValue(arg, verb, 0);
    }

    private void printValue(Object value, int verb, int depth) {
        if (value == null || value == TemplateValues.MISSING) {
            out.append(sharpV ? "interface {}(nil)" : NIL);
        } else if (value instanceof String) {
            fmtString((String) value, verb);
        } else if (value instanceof Boolean) {
            if (verb == 't' || verb == 'v') {
                pad(value.toString());
            } else {
                badVerb(verb, value);
            }
        } else if (value instanceof BigInteger) {
            fmtBigInteger((BigInteger) value, verb);
        } else if (TemplateValues.isInteger(value)) {
            fmtInteger(((Number) value).longValue(), verb);
        } else if (TemplateValues.isFloat(value)) {
            fmtFloat(((Number) value).doubleValue(), verb);
        } else if (value instanceof Map) {
            printMap((Map<?, ?>) value, verb, depth);
        } else if (value instanceof List) {
            printList((List<?>) value, verb, depth);
        } else if (value instanceof GoStruct) {
            printStruct((GoStruct) value, verb, depth);
        } else {
            // Not a template value type: shown as its text, as Go shows a Stringer.
            fmtString(String.valueOf(value), verb);
        }
    }

    private void printMap(Map<?, ?> map, int verb, int depth) {
        List<Map.Entry<?, ?>> entries = TemplateValues.sortedEntries(map);
        out.append(sharpV ? TemplateValues.typeName(map).concat("{") : "map[");
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            if (!first) {
                out.append(sharpV ? ", " : " ");
            }
            first = false;
            printValue(String.valueOf(entry.getKey()), verb, depth + 1);
            out.append(':');
            printValue(entry.getValue(), verb, depth + 1);
        }
        out.append(sharpV ? '}' : ']');
    }

    private void printList(List<?> list, int verb, int depth) {
        out.append(sharpV ? TemplateValues.typeName(list).concat("{") : "[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(sharpV ? ", " : " ");
            }
            printValue(list.get(i), verb, depth + 1);
        }
        out.append(sharpV ? '}' : ']');
    }

    private void printStruct(GoStruct struct, int verb, int depth) {
        boolean pointer = struct.typeName().startsWith("*");
        if (pointer && depth == 0 && !dereference) {
            out.append('&');
        }
        if (sharpV) {
            out.append(pointer ? struct.typeName().substring(1) : struct.typeName());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : struct.dataFields().entrySet()) {
            if (!first) {
                out.append(sharpV ? ", " : " ");
            }
            first = false;
            if (plusV || sharpV) {
                out.append(field.getKey()).append(':');
            }
            printValue(field.getValue(), verb, depth + 1);
        }
        out.append('}');
    }

    private void badVerb(int verb, Object arg) {
        out.append("%!").appendCodePoint(verb).append('(');
        typeAndValue(arg);
        out.append(')');
    }

    /** How Go shows an argument it could not use: {@code int=5}, or {@code <nil>}. */
    private void typeAndValue(Object arg) {
        if (arg == null || arg == TemplateValues.MISSING) {
            out.append(NIL);
        } else {
            out.append(TemplateValues.typeName(arg)).append('=');
            printArg(arg, 'v');
        }
    }

    private void fmtString(String s, int verb) {
        switch (verb) {
            case 'v':
                if (sharpV) {
                    pad(GoText.quote(truncate(s)));
                } else {
                    pad(truncate(s));
                }
                return;
            case 's':
                pad(truncate(s));
                return;
            case 'q':
                pad(GoText.quote(truncate(s)));
                return;
            case 'x':
            case 'X':
                fmtHexBytes(s, verb == 'X');
                return;
            default:
                badVerb(verb, s);
        }
    }

    /** Precision limits a string to that many runes. */
    private String truncate(String s) {
        if (!precisionPresent) {
            return s;
        }
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            if (count == precision) {
                return s.substring(0, i);
            }
            i += Character.charCount(s.codePointAt(i));
            count++;
        }
        return s;
    }

    private void fmtHexBytes(String s, boolean upper) {
        byte[] bytes = GoText.utf8(s);
        int length = precisionPresent ? Math.min(precision, bytes.length) : bytes.length;
        StringBuilder hex = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                hex.append(' ');
            }
            if (sharp && (space || i == 0)) {
                hex.append(upper ? "0X" : "0x");
            }
            String digits = Integer.toHexString(bytes[i] & 0xFF);
            if (digits.length() == 1) {
                hex.append('0');
            }
            hex.append(upper ? digits.toUpperCase(java.util.Locale.ROOT) : digits);
        }
        pad(hex.toString());
    }

    private void fmtInteger(long value, int verb) {
        switch (verb) {
            case 'v':
            case 'd':
                integer(BigInteger.valueOf(value), 10, verb, false);
                return;
            case 'b':
                integer(BigInteger.valueOf(value), 2, verb, false);
                return;
            case 'o':
            case 'O':
                integer(BigInteger.valueOf(value), 8, verb, false);
                return;
            case 'x':
                integer(BigInteger.valueOf(value), 16, verb, false);
                return;
            case 'X':
                integer(BigInteger.valueOf(value), 16, verb, true);
                return;
            case 'c':
                pad(new String(Character.toChars(validRune(value))));
                return;
            case 'q':
                pad(GoText.quoteRune(value));
                return;
            case 'U':
                fmtUnicode(value);
                return;
            default:
                badVerb(verb, value);
        }
    }

    private void fmtBigInteger(BigInteger value, int verb) {
        if (verb == 'v' || verb == 'd') {
            integer(value, 10, verb, false);
        } else if (verb == 'x' || verb == 'X') {
            integer(value, 16, verb, verb == 'X');
        } else {
            fmtInteger(value.longValue(), verb);
        }
    }

    private static int validRune(long value) {
        if (value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
            return 0xFFFD;
        }
        return (int) value;
    }

    private void fmtUnicode(long value) {
        StringBuilder text = new StringBuilder("U+");
        String hex = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        int digits = precisionPresent && precision > 4 ? precision : 4;
        for (int i = hex.length(); i < digits; i++) {
            text.append('0');
        }
        text.append(hex);
        if (sharp && value >= 0 && value <= Character.MAX_CODE_POINT && GoText.isPrint((int) value)) {
            text.append(" '").appendCodePoint((int) value).append('\'');
        }
        boolean savedZero = zero;
        zero = false;
        pad(text.toString());
        zero = savedZero;
    }

    /** Go's {@code fmt.fmtInteger}: sign, base prefix, precision or zero padding, then width. */
    private void integer(BigInteger value, int base, int verb, boolean upper) {
        boolean negative = value.signum() < 0;
        String digits = value.abs().toString(base);
        if (upper) {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        int minimumDigits = 0;
        if (precisionPresent) {
            minimumDigits = precision;
            if (precision == 0 && value.signum() == 0) {
                boolean savedZero = zero;
                zero = false;
                writePadding(width);
                zero = savedZero;
                return;
            }
        } else if (zero && widthPresent) {
            minimumDigits = width;
            if (negative || plus || space) {
                minimumDigits--;
            }
        }
        StringBuilder number = new StringBuilder();
        for (int i = digits.length(); i < minimumDigits; i++) {
            number.append('0');
        }
        number.append(digits);
        if (sharp) {
            if (base == 2) {
                number.insert(0, "0b");
            } else if (base == 8 && number.charAt(0) != '0') {
                number.insert(0, '0');
            } else if (base == 16) {
                number.insert(0, upper ? "0X" : "0x");
            }
        }
        if (verb == 'O') {
            number.insert(0, "0o");
        }
        if (negative) {
            number.insert(0, '-');
        } else if (plus) {
            number.insert(0, '+');
        } else if (space) {
            number.insert(0, ' ');
        }
        boolean savedZero = zero;
        zero = false;
        pad(number.toString());
        zero = savedZero;
    }

    private void fmtFloat(double value, int verb) {
        switch (verb) {
            case 'v':
                fmtFloat(value, 'g', GoFloats.SHORTEST);
                return;
            case 'g':
            case 'G':
                fmtFloat(value, verb, GoFloats.SHORTEST);
                return;
            case 'f':
            case 'F':
            case 'e':
            case 'E':
                fmtFloat(value, verb, 6);
                return;
            default:
                badVerb(verb, value);
        }
    }

    /** Go's {@code fmt.fmtFloat}: the number, a sign if asked, zero padding after the sign. */
    private void fmtFloat(double value, int verb, int defaultPrecision) {
        int digits = precisionPresent ? precision : defaultPrecision;
        String number;
        switch (verb) {
            case 'e':
            case 'E':
                number = GoFloats.formatE(value, digits, (char) verb);
                break;
            case 'f':
            case 'F':
                number = GoFloats.formatF(value, digits);
                break;
            default:
                number = GoFloats.formatG(value, digits, verb == 'G' ? 'E' : 'e');
                break;
        }
        char sign = '+';
        if (number.charAt(0) == '-' || number.charAt(0) == '+') {
            sign = number.charAt(0);
            number = number.substring(1);
        }
        if (space && sign == '+' && !plus) {
            sign = ' ';
        }
        if (number.startsWith("Inf") || number.startsWith("NaN")) {
            boolean savedZero = zero;
            zero = false;
            pad(number.startsWith("NaN") && !space && !plus ? number : String.valueOf(sign).concat(number));
            zero = savedZero;
            return;
        }
        if (plus || sign != '+') {
            if (zero && widthPresent && width > number.length() + 1) {
                out.append(sign);
                writePadding(width - number.length() - 1);
                out.append(number);
                return;
            }
            pad(String.valueOf(sign).concat(number));
            return;
        }
        pad(number);
    }

    /** Pads to the width, counted in runes, on the left unless {@code -}; with zeros if {@code 0}. */
    private void pad(String s) {
        if (!widthPresent || width == 0) {
            out.append(s);
            return;
        }
        int runes = s.codePointCount(0, s.length());
        int padding = width - runes;
        if (minus) {
            out.append(s);
            writePadding(padding);
        } else {
            writePadding(padding);
            out.append(s);
        }
    }

    private void writePadding(int n) {
        char padChar = zero ? '0' : ' ';
        for (int i = 0; i < n; i++) {
            out.append(padChar);
        }
    }
}
