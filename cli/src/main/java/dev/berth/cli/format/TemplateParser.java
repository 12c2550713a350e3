package dev.berth.cli.format;

import dev.berth.cli.format.TemplateLexer.Token;
import dev.berth.cli.format.TemplateLexer.Type;
import dev.berth.cli.format.TemplateNodes.Action;
import dev.berth.cli.format.TemplateNodes.Bool;
import dev.berth.cli.format.TemplateNodes.Branch;
import dev.berth.cli.format.TemplateNodes.Chain;
import dev.berth.cli.format.TemplateNodes.Command;
import dev.berth.cli.format.TemplateNodes.Delimiter;
import dev.berth.cli.format.TemplateNodes.Dot;
import dev.berth.cli.format.TemplateNodes.Field;
import dev.berth.cli.format.TemplateNodes.Identifier;
import dev.berth.cli.format.TemplateNodes.Jump;
import dev.berth.cli.format.TemplateNodes.Nil;
import dev.berth.cli.format.TemplateNodes.Node;
import dev.berth.cli.format.TemplateNodes.Pipe;
import dev.berth.cli.format.TemplateNodes.Sequence;
import dev.berth.cli.format.TemplateNodes.Str;
import dev.berth.cli.format.TemplateNodes.Text;
import dev.berth.cli.format.TemplateNodes.Variable;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code text/template/parse} parser: the same grammar, the same checks at parse time (functions must exist,
 * variables must be declared, {@code break} only in {@code range}) and the same messages
 * ({@code template: :1: unexpected EOF}). {@code define}, {@code template} and {@code block} (named templates) are
 * refused; listings and inspect formats have no use for them.
 */
final class TemplateParser {

    private final List<Token> tokens;
    private int index;
    private int furthest;
    private final List<String> vars = new ArrayList<>();
    private int rangeDepth;
    private int actionLine;

    private TemplateParser(List<Token> tokens) {
        this.tokens = tokens;
        vars.add("$");
    }

    /** Parses {@code text}; a failure is a {@link TemplateError} with Go's message. */
    static Sequence parse(String text) {
        return new TemplateParser(TemplateLexer.lex(text)).parse();
    }

    private Sequence parse() {
        Sequence root = new Sequence(peek().pos);
        while (peek().type != Type.EOF) {
            if (peek().type == Type.LEFT_DELIM) {
                int delim = index;
                next();
                Type type = nextNonSpace().type;
                if (type == Type.DEFINE) {
                    errorf("{{define}} is not supported: use a single template");
                }
                index = delim;
            }
            Node n = textOrAction();
            if (n instanceof Delimiter) {
                errorf("unexpected " + n);
            }
            root.nodes.add(n);
        }
        return root;
    }

    // ---- tokens ----------------------------------------------------------------------------------------------

    private Token next() {
        Token token = tokens.get(Math.min(index, tokens.size() - 1));
        furthest = Math.max(furthest, Math.min(index, tokens.size() - 1));
        index++;
        return token;
    }

    private void backup() {
        index--;
    }

    private Token peek() {
        Token token = next();
        backup();
        return token;
    }

    private Token nextNonSpace() {
        Token token;
        do {
            token = next();
        } while (token.type == Type.SPACE);
        return token;
    }

    private Token peekNonSpace() {
        Token token = nextNonSpace();
        backup();
        return token;
    }

    private Token expect(Type expected, String context) {
        Token token = nextNonSpace();
        if (token.type != expected) {
            unexpected(token, context);
        }
        return token;
    }

    private void unexpected(Token token, String context) {
        if (token.type == Type.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != token.line) {
                extra = " in action started at :" + actionLine;
                if (token.value.endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            errorf(token + extra);
        }
        errorf("unexpected " + token + " in " + context);
    }

    private void errorf(String message) {
        throw new TemplateError("template: :" + tokens.get(furthest).line + ": " + message);
    }

    // ---- structure -------------------------------------------------------------------------------------------

    /** Nodes up to an {@code {{end}}} or {@code {{else}}}, which is returned as the last element. */
    private Sequence itemList(Node[] stop) {
        Sequence list = new Sequence(peekNonSpace().pos);
        while (peekNonSpace().type != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof Delimiter) {
                stop[0] = n;
                return list;
            }
            list.nodes.add(n);
        }
        errorf("unexpected EOF");
        return list;
    }

    private Node textOrAction() {
        Token token = nextNonSpace();
        switch (token.type) {
            case TEXT:
                return new Text(token.pos, token.value);
            case LEFT_DELIM:
                actionLine = token.line;
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            default:
                unexpected(token, "input");
                return null;
        }
    }

    private Node action() {
        Token token = nextNonSpace();
        switch (token.type) {
            case BLOCK:
            case TEMPLATE:
                errorf("{{" + token.value + "}} is not supported: use a single template");
                return null;
            case BREAK:
            case CONTINUE:
                return jump(token);
            case ELSE:
                return elseControl();
            case END:
                return new Delimiter(expect(Type.RIGHT_DELIM, "end").pos, false);
            case IF:
                return control(Branch.Kind.IF);
            case RANGE:
                return control(Branch.Kind.RANGE);
            case WITH:
                return control(Branch.Kind.WITH);
            default:
                break;
        }
        backup();
        Token first = peek();
        return new Action(first.pos, pipeline("command", Type.RIGHT_DELIM));
    }

    private Node jump(Token keyword) {
        Token token = nextNonSpace();
        if (token.type != Type.RIGHT_DELIM) {
            unexpected(token, "{{" + keyword.value + "}}");
        }
        if (rangeDepth == 0) {
            errorf("{{" + keyword.value + "}} outside {{range}}");
        }
        return new Jump(keyword.pos, keyword.type == Type.BREAK);
    }

    private Node elseControl() {
        Token peek = peekNonSpace();
        if (peek.type == Type.IF || peek.type == Type.WITH) {
            // "{{else if ...": the if (or with) is left pending and parsed as the else branch.
            return new Delimiter(peek.pos, true);
        }
        return new Delimiter(expect(Type.RIGHT_DELIM, "else").pos, true);
    }

    private Branch control(Branch.Kind kind) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int savedVars = vars.size();
        try {
            Pipe pipe = pipeline(context, Type.RIGHT_DELIM);
            if (kind == Branch.Kind.RANGE) {
                rangeDepth++;
            }
            Node[] stop = new Node[1];
            Sequence list = itemList(stop);
            if (kind == Branch.Kind.RANGE) {
                rangeDepth--;
            }
            Sequence elseList = null;
            if (((Delimiter) stop[0]).isElse) {
                Type following = peek().type;
                if (kind == Branch.Kind.IF && following == Type.IF
                        || kind == Branch.Kind.WITH && following == Type.WITH) {
                    next();
                    elseList = new Sequence(stop[0].pos());
                    elseList.nodes.add(control(kind));
                } else {
                    elseList = itemList(stop);
                    if (((Delimiter) stop[0]).isElse) {
                        errorf("expected end; found " + stop[0]);
                    }
                }
            }
            return new Branch(kind, pipe.pos(), pipe, list, elseList);
        } finally {
            vars.subList(savedVars, vars.size()).clear();
        }
    }

    // ---- pipelines -------------------------------------------------------------------------------------------

    private Pipe pipeline(String context, Type end) {
        int pos = peekNonSpace().pos;
        List<Variable> declarations = new ArrayList<>(2);
        boolean isAssign = false;
        boolean more = true;
        while (more) {
            more = false;
            Token v = peekNonSpace();
            if (v.type != Type.VARIABLE) {
                break;
            }
            int variableIndex = index;
            next();
            Token following = peekNonSpace();
            if (following.type == Type.ASSIGN || following.type == Type.DECLARE) {
                isAssign = following.type == Type.ASSIGN;
                nextNonSpace();
                declarations.add(new Variable(v.pos, new String[] {v.value}));
                vars.add(v.value);
            } else if (following.type == Type.CHAR && following.value.equals(",")) {
                nextNonSpace();
                declarations.add(new Variable(v.pos, new String[] {v.value}));
                vars.add(v.value);
                if (context.equals("range") && declarations.size() < 2) {
                    Type second = peekNonSpace().type;
                    if (second == Type.VARIABLE || second == Type.RIGHT_DELIM || second == Type.RIGHT_PAREN) {
                        more = true;
                        continue;
                    }
                    errorf("range can only initialize variables");
                }
                errorf("too many declarations in " + context);
            } else {
                // "$x foo": the variable is an operand, not a declaration.
                index = variableIndex;
            }
        }
        Pipe pipe = new Pipe(pos, isAssign, declarations);
        while (true) {
            Token token = nextNonSpace();
            if (token.type == end) {
                checkPipeline(pipe, context);
                return pipe;
            }
            switch (token.type) {
                case BOOL:
                case CHAR_CONSTANT:
                case DOT:
                case FIELD:
                case IDENTIFIER:
                case NUMBER:
                case NIL:
                case RAW_STRING:
                case STRING:
                case VARIABLE:
                case LEFT_PAREN:
                    backup();
                    pipe.commands.add(command());
                    break;
                default:
                    unexpected(token, context);
            }
        }
    }

    private void checkPipeline(Pipe pipe, String context) {
        if (pipe.commands.isEmpty()) {
            errorf("missing value for " + context);
        }
        for (int i = 1; i < pipe.commands.size(); i++) {
            Node first = pipe.commands.get(i).args.get(0);
            if (first instanceof Bool || first instanceof Dot || first instanceof Nil
                    || first instanceof TemplateNodes.Number || first instanceof Str) {
                errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        Command command = new Command(peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                command.args.add(operand);
            }
            Token token = next();
            if (token.type == Type.SPACE) {
                continue;
            }
            if (token.type == Type.RIGHT_DELIM || token.type == Type.RIGHT_PAREN) {
                backup();
            } else if (token.type != Type.PIPE) {
                unexpected(token, "operand");
            }
            break;
        }
        if (command.args.isEmpty()) {
            errorf("empty command");
        }
        return command;
    }

    private Node operand() {
        Node node = term();
        if (node == null || peek().type != Type.FIELD) {
            return node;
        }
        int chainPos = peek().pos;
        List<String> fields = new ArrayList<>();
        while (peek().type == Type.FIELD) {
            fields.add(next().value.substring(1));
        }
        if (node instanceof Field) {
            return new Field(chainPos, concat(((Field) node).idents, fields));
        }
        if (node instanceof Variable) {
            return new Variable(chainPos, concat(((Variable) node).idents, fields));
        }
        if (node instanceof Bool || node instanceof Str || node instanceof TemplateNodes.Number
                || node instanceof Nil || node instanceof Dot) {
            errorf("unexpected . after term " + GoText.quote(node.toString()));
        }
        return new Chain(chainPos, node, fields.toArray(new String[0]));
    }

    private static String[] concat(String[] first, List<String> more) {
        String[] all = Arrays.copyOf(first, first.length + more.size());
        for (int i = 0; i < more.size(); i++) {
            all[first.length + i] = more.get(i);
        }
        return all;
    }

    private Node term() {
        Token token = nextNonSpace();
        switch (token.type) {
            case IDENTIFIER:
                if (!TemplateFunctions.isDefined(token.value)) {
                    errorf("function " + GoText.quote(token.value) + " not defined");
                }
                return new Identifier(token.pos, token.value);
            case DOT:
                return new Dot(token.pos);
            case NIL:
                return new Nil(token.pos);
            case VARIABLE:
                if (!vars.contains(token.value)) {
                    errorf("undefined variable " + GoText.quote(token.value));
                }
                return new Variable(token.pos, new String[] {token.value});
            case FIELD:
                return new Field(token.pos, new String[] {token.value.substring(1)});
            case BOOL:
                return new Bool(token.pos, token.value.equals("true"));
            case CHAR_CONSTANT:
                return charConstant(token);
            case NUMBER:
                return number(token);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
            case STRING:
                return new Str(token.pos, token.value, unquote(token.value));
            case RAW_STRING:
                return new Str(token.pos, token.value,
                        token.value.substring(1, token.value.length() - 1).replace("\r", ""));
            default:
                backup();
                return null;
        }
    }

    // ---- literals --------------------------------------------------------------------------------------------

    private Node charConstant(Token token) {
        String text = token.value;
        int[] end = new int[1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rune = unquoteChar(text, 1, '\'', end, bytes);
        if (rune < 0 || !text.substring(end[0]).equals("'")) {
            if (rune < 0) {
                errorf("invalid syntax");
            }
            errorf("malformed character constant: " + text);
        }
        return new TemplateNodes.Number(token.pos, text, true, rune, false, true, rune, false);
    }

    private Node number(Token token) {
        String text = token.value;
        if (text.endsWith("i")) {
            errorf("complex numbers are not supported: " + text);
        }
        BigInteger integer = parseInteger(text);
        boolean isInt = false;
        boolean isUint = false;
        long intValue = 0;
        boolean isFloat = false;
        double floatValue = 0;
        if (integer != null && integer.bitLength() < 64) {
            isInt = true;
            intValue = integer.longValue();
            isFloat = true;
            floatValue = intValue;
        } else if (integer != null && integer.signum() >= 0 && integer.bitLength() == 64) {
            isUint = true;
            isFloat = true;
            floatValue = integer.doubleValue();
        } else {
            Double parsed = parseFloat(text);
            if (parsed != null) {
                if (!containsAny(text, ".eEpP")) {
                    errorf("integer overflow: " + GoText.quote(text));
                }
                isFloat = true;
                floatValue = parsed;
                if (Math.abs(floatValue) < 0x1p63 && (double) (long) floatValue == floatValue) {
                    isInt = true;
                    intValue = (long) floatValue;
                }
            }
        }
        if (!isInt && !isUint && !isFloat) {
            errorf("illegal number syntax: " + GoText.quote(text));
        }
        boolean hexInt = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                && !containsAny(text, "pP");
        boolean looksFloat = isFloat && !hexInt && containsAny(text, ".eEpP");
        return new TemplateNodes.Number(token.pos, text, isInt, intValue, isUint, isFloat, floatValue, looksFloat);
    }

    private static boolean containsAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code strconv.ParseInt(text, 0, 64)} syntax, without its range check; null if not an integer. */
    private static BigInteger parseInteger(String text) {
        if (!underscoresOk(text)) {
            return null;
        }
        String s = text.replace("_", "");
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        int radix = 10;
        if (s.charAt(0) == '0' && s.length() > 1) {
            char prefix = Character.toLowerCase(s.charAt(1));
            if (s.length() >= 3 && (prefix == 'b' || prefix == 'o' || prefix == 'x')) {
                radix = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
                s = s.substring(2);
            } else {
                radix = 8;
                s = s.substring(1);
            }
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) >= 0x80) {
                return null;
            }
        }
        BigInteger value = new BigInteger(s, radix);
        return negative ? value.negate() : value;
    }

    /** Go's {@code underscoreOK}: an underscore only between digits, or after a base prefix. */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char prefix = Character.toLowerCase(s.charAt(1));
            if (prefix == 'b' || prefix == 'o' || prefix == 'x') {
                i = 2;
                saw = '0';
                hex = prefix == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** Go's {@code strconv.ParseFloat(text, 64)} for literals that lexed as numbers; null if invalid. */
    private static Double parseFloat(String text) {
        if (text.indexOf('_') >= 0 && !underscoresOk(text)) {
            return null;
        }
        String s = text.replace("_", "");
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean hex = s.length() >= i + 2 && s.charAt(i) == '0' && Character.toLowerCase(s.charAt(i + 1)) == 'x';
        if (hex) {
            i += 2;
        }
        int radix = hex ? 16 : 10;
        int mantissaDigits = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80) {
            i++;
            mantissaDigits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return null;
        }
        char exponent = hex ? 'p' : 'e';
        if (i < s.length() && Character.toLowerCase(s.charAt(i)) == exponent) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return null;
            }
        } else if (hex) {
            return null;
        }
        if (i != s.length()) {
            return null;
        }
        double value = Double.parseDouble(s);
        return Double.isInfinite(value) ? null : value;
    }

    /** Go's {@code strconv.Unquote} of a double-quoted literal; errors with "invalid syntax". */
    private String unquote(String quoted) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] end = new int[1];
        int i = 1;
        while (i < quoted.length() - 1) {
            int rune = unquoteChar(quoted, i, '"', end, bytes);
            if (rune < 0) {
                errorf("invalid syntax");
            }
            i = end[0];
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * Go's {@code strconv.UnquoteChar}: decodes one character or escape at {@code i} into {@code bytes} (escapes
     * like {@code \xff} are raw bytes) and returns its value, or -1 for bad syntax. {@code end[0]} is set past it.
     */
    private static int unquoteChar(String s, int i, char quote, int[] end, ByteArrayOutputStream bytes) {
        if (i >= s.length()) {
            return -1;
        }
        int c = s.codePointAt(i);
        if (c == quote && (quote == '\'' || quote == '"')) {
            return -1;
        }
        if (c != '\\') {
            end[0] = i + Character.charCount(c);
            writeUtf8(bytes, c);
            return c;
        }
        if (i + 1 >= s.length()) {
            return -1;
        }
        char e = s.charAt(i + 1);
        int value;
        switch (e) {
            case 'a':
                value = 7;
                break;
            case 'b':
                value = '\b';
                break;
            case 'f':
                value = '\f';
                break;
            case 'n':
                value = '\n';
                break;
            case 'r':
                value = '\r';
                break;
            case 't':
                value = '\t';
                break;
            case 'v':
                value = 0x0B;
                break;
            case '\\':
                value = '\\';
                break;
            case '\'':
            case '"':
                if (e != quote) {
                    return -1;
                }
                value = e;
                break;
            case 'x':
            case 'u':
            case 'U': {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + 2 + n > s.length()) {
                    return -1;
                }
                int v = 0;
                for (int k = 0; k < n; k++) {
                    int digit = Character.digit(s.charAt(i + 2 + k), 16);
                    if (digit < 0) {
                        return -1;
                    }
                    v = (v << 4) | digit;
                }
                end[0] = i + 2 + n;
                if (e == 'x') {
                    bytes.write(v);
                    return v;
                }
                if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF) || v < 0) {
                    return -1;
                }
                writeUtf8(bytes, v);
                return v;
            }
            default:
                if (e >= '0' && e <= '7') {
                    if (i + 4 > s.length()) {
                        return -1;
                    }
                    int v = 0;
                    for (int k = 0; k < 3; k++) {
                        int digit = s.charAt(i + 1 + k) - '0';
                        if (digit < 0 || digit > 7) {
                            return -1;
                        }
                        v = (v << 3) | digit;
                    }
                    if (v > 255) {
                        return -1;
                    }
                    end[0] = i + 4;
                    bytes.write(v);
                    return v;
                }
                return -1;
        }
        end[0] = i + 2;
        writeUtf8(bytes, value);
        return value;
    }

    private static void writeUtf8(ByteArrayOutputStream bytes, int c) {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
    }
}
