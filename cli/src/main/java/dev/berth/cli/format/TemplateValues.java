package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How templates see Java values, as Go's {@code text/template} sees the values Docker passes it: {@code String} is a
 * Go string, {@code Long}/{@code Integer}/{@code Short}/{@code Byte}/{@code BigInteger} an int, {@code Double}/
 * {@code Float}/{@code BigDecimal} a float64, {@code Boolean} a bool, {@code Map} a {@code map[string]interface {}},
 * {@code List} a {@code []interface {}} ({@code map[string]string} and {@code []string} when all their values are
 * strings), {@link GoStruct} a struct, {@code null} a nil interface, and
 * {@link #MISSING} what Go calls an invalid value (a map key that is not there), printed {@code <no value>}.
 */
final class TemplateValues {

    /** The result of a map lookup for a key that is not there; compared by identity. */
    static final Object MISSING = new Object();

    /** Basic kinds, as Go's comparison functions classify their operands. */
    enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    private TemplateValues() {
    }

    static Kind kind(Object value) {
        if (value == null || value == MISSING) {
            return Kind.INVALID;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        if (value instanceof Boolean) {
            return Kind.BOOL;
        }
        if (isInteger(value)) {
            return Kind.INT;
        }
        if (isFloat(value)) {
            return Kind.FLOAT;
        }
        return Kind.OTHER;
    }

    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof BigDecimal;
    }

    /** Go's name of the value's type, as error messages and {@code %T} print it. */
    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (isInteger(value)) {
            return "int";
        }
        if (isFloat(value)) {
            return "float64";
        }
        if (value instanceof Map) {
            return isStringMap((Map<?, ?>) value) ? "map[string]string" : "map[string]interface {}";
        }
        if (value instanceof List) {
            return isStringList((List<?>) value) ? "[]string" : "[]interface {}";
        }
        if (value instanceof GoStruct) {
            return ((GoStruct) value).typeName();
        }
        if (value instanceof GoMethod) {
            return "func(string) interface {}";
        }
        return "interface {}";
    }

    /**
     * Whether a map stands for Go's {@code map[string]string}, the type of Docker's labels and options: all its
     * values are strings (an empty map counts). Its missing keys index as {@code ""}, and its values are strings
     * rather than interface values.
     */
    static boolean isStringMap(Map<?, ?> map) {
        for (Object value : map.values()) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a list stands for Go's {@code []string} (Docker's {@code Cmd}, {@code Env}): all strings. */
    static boolean isStringList(List<?> list) {
        for (Object element : list) {
            if (!(element instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The type a pointer points to, as Go names it after following the pointer: Docker's contexts are pointers
     * to structs ({@code *formatter.ImageContext}), and {@code len} or {@code index} of one names the struct.
     */
    static String pointedTypeName(Object value) {
        String name = typeName(value);
        return value instanceof GoStruct && name.startsWith("*") ? name.substring(1) : name;
    }

    /** Go's truth for {@code if}, {@code with}, {@code and}, {@code or} and {@code not}. */
    static boolean truth(Object value) {
        if (value == null || value == MISSING) {
            return false;
        }
        if (value instanceof String) {
            return !((String) value).isEmpty();
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof BigInteger) {
            return ((BigInteger) value).signum() != 0;
        }
        if (isInteger(value)) {
            return ((Number) value).longValue() != 0;
        }
        if (isFloat(value)) {
            return ((Number) value).doubleValue() != 0;
        }
        if (value instanceof Map) {
            return !((Map<?, ?>) value).isEmpty();
        }
        if (value instanceof List) {
            return !((List<?>) value).isEmpty();
        }
        return true;
    }

    /**
     * A map's entries in Go's order for maps (what {@code fmt}, {@code range} and {@code encoding/json} use): keys
     * sorted by their bytes.
     */
    static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort(KeyOrder.INSTANCE);
        return entries;
    }

    /** A class of its own, so that it loads only when a map is sorted. */
    private static final class KeyOrder implements Comparator<Map.Entry<?, ?>> {
        static final KeyOrder INSTANCE = new KeyOrder();

        @Override
        public int compare(Map.Entry<?, ?> a, Map.Entry<?, ?> b) {
            return compareStrings(String.valueOf(a.getKey()), String.valueOf(b.getKey()));
        }
    }

    /** Go orders strings by their UTF-8 bytes, which is code point order (Java's compareTo is UTF-16 order). */
    static int compareStrings(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) != Character.isSurrogate(y)) {
                    // A surrogate encodes a code point above every BMP character.
                    return Character.isSurrogate(x) ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
