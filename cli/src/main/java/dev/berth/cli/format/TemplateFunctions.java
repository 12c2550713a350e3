package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The functions a template can call: Go's builtins and the ones Docker's CLI adds ({@code json split join title
 * lower upper pad truncate}). Each has Go's signature, because the executor checks arguments against it as Go's
 * reflection does and reports the same errors. For table headers Docker swaps in identity versions of its own
 * functions, so that {@code {{.Names | upper}}} still heads its column {@code NAMES}.
 */
enum TemplateFunctions {
    AND("and", new Param[] {Param.VALUE}, Param.VALUE),
    CALL("call", new Param[] {Param.VALUE}, Param.VALUE),
    EQ("eq", new Param[] {Param.VALUE}, Param.VALUE),
    GE("ge", new Param[] {Param.VALUE, Param.VALUE}, null),
    GT("gt", new Param[] {Param.VALUE, Param.VALUE}, null),
    HTML("html", new Param[0], Param.ANY),
    INDEX("index", new Param[] {Param.VALUE}, Param.VALUE),
    JS("js", new Param[0], Param.ANY),
    JSON("json", new Param[] {Param.ANY}, null),
    JOIN("join", new Param[] {Param.STRINGS, Param.STRING}, null),
    LE("le", new Param[] {Param.VALUE, Param.VALUE}, null),
    LEN("len", new Param[] {Param.VALUE}, null),
    LOWER("lower", new Param[] {Param.STRING}, null),
    LT("lt", new Param[] {Param.VALUE, Param.VALUE}, null),
    NE("ne", new Param[] {Param.VALUE, Param.VALUE}, null),
    NOT("not", new Param[] {Param.VALUE}, null),
    OR("or", new Param[] {Param.VALUE}, Param.VALUE),
    PAD("pad", new Param[] {Param.STRING, Param.INT, Param.INT}, null),
    PRINT("print", new Param[0], Param.ANY),
    PRINTF("printf", new Param[] {Param.STRING}, Param.ANY),
    PRINTLN("println", new Param[0], Param.ANY),
    SLICE("slice", new Param[] {Param.VALUE}, Param.VALUE),
    SPLIT("split", new Param[] {Param.STRING, Param.STRING}, null),
    TITLE("title", new Param[] {Param.STRING}, null),
    TRUNCATE("truncate", new Param[] {Param.STRING, Param.INT}, null),
    UPPER("upper", new Param[] {Param.STRING}, null),
    URLQUERY("urlquery", new Param[0], Param.ANY);

    /** Go parameter types, as far as the functions here need them. */
    enum Param {
        /** {@code reflect.Value}: the argument as it is, missing values included. */
        VALUE("reflect.Value"),
        /** {@code interface {}}: any value; a missing one arrives as nil. */
        ANY("interface {}"),
        STRING("string"),
        INT("int"),
        /** {@code []string}. */
        STRINGS("[]string");

        final String goName;

        Param(String goName) {
            this.goName = goName;
        }
    }

    /** A function that returned an error: the executor reports {@code error calling NAME: MESSAGE}. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    final String goName;
    private final Param[] fixed;
    private final Param variadic;

    TemplateFunctions(String goName, Param[] fixed, Param variadic) {
        this.goName = goName;
        this.fixed = fixed;
        this.variadic = variadic;
    }

    /** Whether a template may name {@code name} as a function (checked when it is parsed). */
    static boolean isDefined(String name) {
        return named(name) != null;
    }

    static TemplateFunctions named(String name) {
        switch (name) {
            case "and":
                return AND;
            case "call":
                return CALL;
            case "eq":
                return EQ;
            case "ge":
                return GE;
            case "gt":
                return GT;
            case "html":
                return HTML;
            case "index":
                return INDEX;
            case "js":
                return JS;
            case "json":
                return JSON;
            case "join":
                return JOIN;
            case "le":
                return LE;
            case "len":
                return LEN;
            case "lower":
                return LOWER;
            case "lt":
                return LT;
            case "ne":
                return NE;
            case "not":
                return NOT;
            case "or":
                return OR;
            case "pad":
                return PAD;
            case "print":
                return PRINT;
            case "printf":
                return PRINTF;
            case "println":
                return PRINTLN;
            case "slice":
                return SLICE;
            case "split":
                return SPLIT;
            case "title":
                return TITLE;
            case "truncate":
                return TRUNCATE;
            case "upper":
                return UPPER;
            case "urlquery":
                return URLQUERY;
            default:
                return null;
        }
    }

    /** Docker replaces these in table headers by functions that return their first argument. */
    boolean isHeaderIdentity() {
        switch (this) {
            case JSON:
            case SPLIT:
            case JOIN:
            case TITLE:
            case LOWER:
            case UPPER:
            case TRUNCATE:
                return true;
            default:
                return false;
        }
    }

    int fixedCount() {
        return fixed.length;
    }

    boolean isVariadic() {
        return variadic != null;
    }

    /** The type of parameter {@code i}; in headers Docker's functions take strings. */
    Param param(int i, boolean header) {
        if (header && isHeaderIdentity()) {
            return i == 1 && this == TRUNCATE ? Param.INT : Param.STRING;
        }
        return i < fixed.length ? fixed[i] : variadic;
    }

    /** Calls the function on arguments already converted to its parameter types. */
    Object call(List<Object> args, boolean header) {
        if (header && isHeaderIdentity()) {
            return args.get(0);
        }
        switch (this) {
            case CALL:
                return call(args);
            case EQ:
                return eq(args);
            case NE:
                return !eq(args);
            case LT:
                return lessThan(args.get(0), args.get(1));
            case LE:
                return lessThan(args.get(0), args.get(1)) || eq(args);
            case GT:
                return !(lessThan(args.get(0), args.get(1)) || eq(args));
            case GE:
                return !lessThan(args.get(0), args.get(1));
            case NOT:
                return !TemplateValues.truth(args.get(0));
            case HTML:
                return html(evalArgs(args));
            case JS:
                return js(evalArgs(args));
            case URLQUERY:
                return urlQuery(evalArgs(args));
            case INDEX:
                return index(args);
            case SLICE:
                return slice(args);
            case LEN:
                return length(args.get(0));
            case PRINT:
                return GoFmt.sprint(args);
            case PRINTF:
                return GoFmt.sprintf((String) args.get(0), args.subList(1, args.size()));
            case PRINTLN:
                return GoFmt.sprintln(args);
            case JSON:
                try {
                    return GoJson.encode(args.get(0), false);
                } catch (IllegalArgumentException e) {
                    return ""; // Docker ignores the encoder's error and prints nothing.
                }
            case SPLIT:
                return split((String) args.get(0), (String) args.get(1));
            case JOIN:
                return join(args.get(0), (String) args.get(1));
            case TITLE:
                return GoText.title((String) args.get(0));
            case LOWER:
                return GoText.lower((String) args.get(0));
            case UPPER:
                return GoText.upper((String) args.get(0));
            case PAD:
                return pad((String) args.get(0), (Long) args.get(1), (Long) args.get(2));
            case TRUNCATE:
                return truncate((String) args.get(0), (Long) args.get(1));
            default:
                throw new IllegalStateException(goName + " is evaluated by the executor");
        }
    }

    // ---- comparisons -----------------------------------------------------------------------------------------

    private static boolean eq(List<Object> args) {
        if (args.size() < 2) {
            throw new Failure("missing argument for comparison");
        }
        Object first = args.get(0);
        TemplateValues.Kind k1 = TemplateValues.kind(first);
        for (int i = 1; i < args.size(); i++) {
            Object arg = args.get(i);
            TemplateValues.Kind k2 = TemplateValues.kind(arg);
            boolean truth;
            if (k1 != k2) {
                if (k1 != TemplateValues.Kind.INVALID && k2 != TemplateValues.Kind.INVALID) {
                    throw new Failure("incompatible types for comparison");
                }
                truth = false;
            } else {
                switch (k1) {
                    case INVALID:
                        truth = true;
                        break;
                    case INT:
                        truth = ((Number) first).longValue() == ((Number) arg).longValue();
                        break;
                    case FLOAT:
                        truth = ((Number) first).doubleValue() == ((Number) arg).doubleValue();
                        break;
                    case BOOL:
                    case STRING:
                        truth = first.equals(arg);
                        break;
                    default:
                        if (first instanceof GoStruct && arg instanceof GoStruct) {
                            truth = first.equals(arg);
                            break;
                        }
                        throw new Failure("non-comparable type " + sprintS(arg) + ": " + TemplateValues.typeName(arg));
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    private static String sprintS(Object value) {
        List<Object> args = new ArrayList<>(1);
        args.add(value);
        return GoFmt.sprintf("%s", args);
    }

    private static boolean lessThan(Object a, Object b) {
        TemplateValues.Kind k1 = comparableKind(a);
        TemplateValues.Kind k2 = comparableKind(b);
        if (k1 != k2) {
            throw new Failure("incompatible types for comparison");
        }
        switch (k1) {
            case INT:
                return ((Number) a).longValue() < ((Number) b).longValue();
            case FLOAT:
                return ((Number) a).doubleValue() < ((Number) b).doubleValue();
            case STRING:
                return TemplateValues.compareStrings((String) a, (String) b) < 0;
            default:
                throw new Failure("invalid type for comparison");
        }
    }

    private static TemplateValues.Kind comparableKind(Object value) {
        TemplateValues.Kind kind = TemplateValues.kind(value);
        if (kind == TemplateValues.Kind.INVALID || kind == TemplateValues.Kind.OTHER) {
            throw new Failure("invalid type for comparison");
        }
        return kind;
    }

    // ---- collections -----------------------------------------------------------------------------------------

    private static Object index(List<Object> args) {
        Object item = args.get(0);
        if (item == null || item == TemplateValues.MISSING) {
            throw new Failure("index of untyped nil");
        }
        for (int i = 1; i < args.size(); i++) {
            Object index = args.get(i);
            if (item == null) {
                throw new Failure("index of nil pointer");
            }
            if (item instanceof List || item instanceof String) {
                int length = item instanceof List ? ((List<?>) item).size() : GoText.byteLength((String) item);
                int x = indexArg(index, length);
                if (x == length) {
                    // Go's check lets the length through and reflection then panics with this.
                    throw new Failure(item instanceof List ? "reflect: slice index out of range"
                            : "reflect: string index out of range");
                }
                item = item instanceof List ? ((List<?>) item).get(x) : (long) (GoText.utf8((String) item)[x] & 0xFF);
            } else if (item instanceof Map) {
                if (!(index instanceof String)) {
                    if (index == null || index == TemplateValues.MISSING) {
                        throw new Failure("value is nil; should be of type string");
                    }
                    throw new Failure("value has type " + TemplateValues.typeName(index) + "; should be string");
                }
                Map<?, ?> map = (Map<?, ?>) item;
                if (map.containsKey(index)) {
                    item = map.get(index);
                } else {
                    item = zeroValue(map);
                }
            } else {
                throw new Failure("can't index item of type " + TemplateValues.pointedTypeName(item));
            }
        }
        return item;
    }

    /** The zero value of a map's elements, which {@code index} returns for a missing key. */
    private static Object zeroValue(Map<?, ?> map) {
        return TemplateValues.isStringMap(map) ? "" : null;
    }

    private static int indexArg(Object index, int cap) {
        if (index == null || index == TemplateValues.MISSING) {
            throw new Failure("cannot index slice/array with nil");
        }
        if (!TemplateValues.isInteger(index)) {
            throw new Failure("cannot index slice/array with type " + TemplateValues.typeName(index));
        }
        long x = ((Number) index).longValue();
        if (x < 0 || x > cap) {
            throw new Failure("index out of range: " + x);
        }
        return (int) x;
    }

    private static Object slice(List<Object> args) {
        Object item = args.get(0);
        if (item == null || item == TemplateValues.MISSING) {
            throw new Failure("slice of untyped nil");
        }
        if (args.size() > 4) {
            throw new Failure("too many slice indexes: " + (args.size() - 1));
        }
        int length;
        if (item instanceof String) {
            if (args.size() == 4) {
                throw new Failure("cannot 3-index slice a string");
            }
            length = GoText.byteLength((String) item);
        } else if (item instanceof List) {
            length = ((List<?>) item).size();
        } else {
            throw new Failure("can't slice item of type " + TemplateValues.pointedTypeName(item));
        }
        int[] bounds = {0, length, length};
        for (int i = 1; i < args.size(); i++) {
            bounds[i - 1] = indexArg(args.get(i), length);
        }
        if (bounds[0] > bounds[1]) {
            throw new Failure("invalid slice index: " + bounds[0] + " > " + bounds[1]);
        }
        if (args.size() == 4 && bounds[1] > bounds[2]) {
            throw new Failure("invalid slice index: " + bounds[1] + " > " + bounds[2]);
        }
        if (item instanceof String) {
            return GoText.byteSlice((String) item, bounds[0], bounds[1]);
        }
        return new ArrayList<>(((List<?>) item).subList(bounds[0], bounds[1]));
    }

    private static Object length(Object item) {
        if (item == TemplateValues.MISSING) {
            throw new Failure("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item == null) {
            throw new Failure("len of nil pointer");
        }
        if (item instanceof String) {
            return (long) GoText.byteLength((String) item);
        }
        if (item instanceof Map) {
            return (long) ((Map<?, ?>) item).size();
        }
        if (item instanceof List) {
            return (long) ((List<?>) item).size();
        }
        throw new Failure("len of type " + TemplateValues.pointedTypeName(item));
    }

    private static Object call(List<Object> args) {
        Object function = args.get(0);
        if (function == null || function == TemplateValues.MISSING) {
            throw new Failure("call of nil");
        }
        if (!(function instanceof GoMethod)) {
            throw new Failure("non-function of type " + TemplateValues.typeName(function));
        }
        if (args.size() != 2) {
            throw new Failure("wrong number of args: got " + (args.size() - 1) + " want 1");
        }
        Object argument = args.get(1);
        if (!(argument instanceof String)) {
            throw new Failure("arg 0: value has type " + TemplateValues.typeName(argument) + "; should be string");
        }
        return ((GoMethod) function).call((String) argument);
    }

    // ---- strings ---------------------------------------------------------------------------------------------

    private static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        if (separator.isEmpty()) {
            for (int i = 0; i < s.length(); ) {
                int end = i + Character.charCount(s.codePointAt(i));
                parts.add(s.substring(i, end));
                i = end;
            }
            return parts;
        }
        int start = 0;
        int at;
        while ((at = s.indexOf(separator, start)) >= 0) {
            parts.add(s.substring(start, at));
            start = at + separator.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String join(Object list, String separator) {
        StringBuilder out = new StringBuilder();
        List<?> elements = list == null ? Collections.emptyList() : (List<?>) list;
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append((String) elements.get(i));
        }
        return out.toString();
    }

    private static String pad(String source, long prefix, long suffix) {
        if (source.isEmpty()) {
            return source;
        }
        if (prefix < 0 || suffix < 0) {
            throw new Failure("strings: negative Repeat count");
        }
        return new StringBuilder(source.length() + (int) (prefix + suffix)).append(" ".repeat((int) prefix))
                .append(source).append(" ".repeat((int) suffix)).toString();
    }

    private static String truncate(String source, long length) {
        int bytes = GoText.byteLength(source);
        if (bytes < length) {
            return source;
        }
        if (length < 0) {
            throw new Failure("runtime error: slice bounds out of range [:" + length + "]");
        }
        return GoText.byteSlice(source, 0, (int) length);
    }

    /** Go's {@code evalArgs} for html, js and urlquery: one string as it is, else {@code fmt.Sprint}. */
    private static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String) {
            return (String) args.get(0);
        }
        List<Object> printable = new ArrayList<>(args.size());
        for (Object arg : args) {
            printable.add(arg == null || arg == TemplateValues.MISSING ? "<no value>" : arg);
        }
        return GoFmt.sprint(printable);
    }

    private static String html(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("&#34;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case 0:
                    out.append('\uFFFD');
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static String js(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\':
                    out.append("\\\\");
                    continue;
                case '\'':
                    out.append("\\'");
                    continue;
                case '"':
                    out.append("\\\"");
                    continue;
                case '<':
                    out.append("\\u003C");
                    continue;
                case '>':
                    out.append("\\u003E");
                    continue;
                case '&':
                    out.append("\\u0026");
                    continue;
                case '=':
                    out.append("\\u003D");
                    continue;
                default:
                    break;
            }
            if (c < ' ' || (c >= 0x80 && !GoText.isPrint(c))) {
                out.append("\\u");
                StringBuilder hex = new StringBuilder();
                GoText.hex(hex, c, 4);
                out.append(hex.toString().toUpperCase(java.util.Locale.ROOT));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static String urlQuery(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : GoText.utf8(s)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
