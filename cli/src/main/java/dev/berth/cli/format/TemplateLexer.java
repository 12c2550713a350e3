package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into tokens the way Go's {@code text/template/parse} lexer does: text, {@code {{}}} actions
 * with trim markers ({@code {{- } and {@code  -}}}), comments, and inside actions spaces, fields, variables,
 * identifiers, keywords, literals and punctuation. A lexical error becomes an {@link Type#ERROR} token that the
 * parser reports when it reaches it, so errors surface in the order Go reports them.
 */
final class TemplateLexer {

    enum Type {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, PIPE, DECLARE, ASSIGN, CHAR, STRING, RAW_STRING, CHAR_CONSTANT, NUMBER,
        BOOL, NIL, DOT, FIELD, VARIABLE, IDENTIFIER, LEFT_PAREN, RIGHT_PAREN, ERROR, EOF,
        // keywords
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }

        /** Go prints keywords, {@code .} and {@code nil} in angle brackets in parse errors. */
        boolean printsAsKeyword() {
            return isKeyword() || this == DOT || this == NIL;
        }
    }

    /** A token: its type, its text (the message for errors), and its offset and line in the template. */
    static final class Token {
        final Type type;
        final int pos;
        final String value;
        final int line;

        Token(Type type, int pos, String value, int line) {
            this.type = type;
            this.pos = pos;
            this.value = value;
            this.line = line;
        }

        /** Go's {@code item.String()}, as parse errors quote tokens. */
        @Override
        public String toString() {
            if (type == Type.EOF) {
                return "EOF";
            }
            if (type == Type.ERROR) {
                return value;
            }
            if (type.printsAsKeyword()) {
                return "<" + value + ">";
            }
            if (value.codePointCount(0, value.length()) > 10) {
                int end = value.offsetByCodePoints(0, 10);
                return GoText.quote(value.substring(0, end)) + "...";
            }
            return GoText.quote(value);
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final int EOF = -1;

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int start;
    private int pos;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;
    private boolean insideAction;

    private TemplateLexer(String input) {
        this.input = input;
    }

    /** The tokens of {@code input}, ending with {@link Type#EOF} or an {@link Type#ERROR}. */
    static List<Token> lex(String input) {
        TemplateLexer lexer = new TemplateLexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean going = true;
        while (going) {
            going = insideAction ? insideAction() : text();
        }
    }

    // ---- text and delimiters ---------------------------------------------------------------------------------

    /** Scans text up to the next action; returns false once it has emitted EOF or an error. */
    private boolean text() {
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            advance(input.length());
            if (pos > start) {
                emit(Type.TEXT);
            }
            emit(Type.EOF);
            return false;
        }
        if (x > pos) {
            int trim = hasLeftTrimMarker(x + LEFT.length()) ? rightTrimLength(start, x) : 0;
            advance(x - trim);
            Token text = token(Type.TEXT);
            advance(x);
            ignore();
            if (!text.value.isEmpty()) {
                tokens.add(text);
            }
        }
        return leftDelim();
    }

    private boolean leftDelim() {
        pos += LEFT.length();
        int afterMarker = hasLeftTrimMarker(pos) ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            advance(pos + afterMarker);
            ignore();
            return comment();
        }
        Token delim = token(Type.LEFT_DELIM);
        advance(pos + afterMarker);
        ignore();
        parenDepth = 0;
        insideAction = true;
        tokens.add(delim);
        return true;
    }

    private boolean comment() {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        advance(x + 2);
        int rightDelim = atRightDelim();
        if (rightDelim < 0) {
            return error("comment ends before closing delimiter");
        }
        boolean trim = rightDelim == 1;
        advance(pos + (trim ? 2 : 0) + RIGHT.length());
        if (trim) {
            advance(pos + leftTrimLength(pos));
        }
        ignore();
        return true;
    }

    /** -1 if not at a right delimiter, 0 at {@code }}}, 1 at {@code  -}}}. */
    private int atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            return 1;
        }
        return input.startsWith(RIGHT, pos) ? 0 : -1;
    }

    private void rightDelim(boolean trim) {
        if (trim) {
            advance(pos + 2);
            ignore();
        }
        pos += RIGHT.length();
        Token delim = token(Type.RIGHT_DELIM);
        if (trim) {
            advance(pos + leftTrimLength(pos));
        }
        ignore();
        insideAction = false;
        tokens.add(delim);
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    private int rightTrimLength(int from, int to) {
        int i = to;
        while (i > from && isSpace(input.charAt(i - 1))) {
            i--;
        }
        return to - i;
    }

    private int leftTrimLength(int from) {
        int i = from;
        while (i < input.length() && isSpace(input.charAt(i))) {
            i++;
        }
        return i - from;
    }

    // ---- inside actions --------------------------------------------------------------------------------------

    /** Scans one token inside an action; returns false once it has emitted an error. */
    private boolean insideAction() {
        int delim = atRightDelim();
        if (delim >= 0) {
            if (parenDepth == 0) {
                rightDelim(delim == 1);
                return true;
            }
            return error("unclosed left paren");
        }
        int r = next();
        if (r == EOF) {
            return error("unclosed action");
        }
        if (isSpace(r)) {
            backup(r);
            return space();
        }
        switch (r) {
            case '=':
                emit(Type.ASSIGN);
                return true;
            case ':':
                if (next() != '=') {
                    return error("expected :=");
                }
                emit(Type.DECLARE);
                return true;
            case '|':
                emit(Type.PIPE);
                return true;
            case '"':
                return quoted('"', Type.STRING, "unterminated quoted string");
            case '`':
                return rawQuote();
            case '$':
                return variable();
            case '\'':
                return quoted('\'', Type.CHAR_CONSTANT, "unterminated character constant");
            case '(':
                parenDepth++;
                emit(Type.LEFT_PAREN);
                return true;
            case ')':
                // Go emits the parenthesis before complaining, so the parser reports it first.
                emit(Type.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren");
                }
                return true;
            default:
                break;
        }
        if (r == '.') {
            // ".field" unless a digit follows, in which case the dot starts a number.
            if (pos < input.length()) {
                char following = input.charAt(pos);
                if (following < '0' || following > '9') {
                    return fieldOrVariable(Type.FIELD);
                }
            }
            backup(r);
            return number();
        }
        if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup(r);
            return number();
        }
        if (isAlphaNumeric(r)) {
            backup(r);
            return identifier();
        }
        if (r < 0x80 && r >= 0x20 && r < 0x7F) {
            emit(Type.CHAR);
            return true;
        }
        return error("unrecognized character in action: " + unicodeForm(r));
    }

    private boolean space() {
        int spaces = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            if (input.charAt(pos) == '\n') {
                line++;
            }
            pos++;
            spaces++;
        }
        // A space may be the start of a trim-marked closing delimiter " -}}".
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
            pos--;
            if (input.charAt(pos) == '\n') {
                line--;
            }
            if (spaces == 1) {
                rightDelim(true);
                return true;
            }
        }
        emit(Type.SPACE);
        return true;
    }

    private boolean identifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup(r);
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + unicodeForm(r));
        }
        Type keyword = keyword(word);
        if (keyword != null) {
            emit(keyword);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Type.BOOL);
        } else if (word.equals("nil")) {
            emit(Type.NIL);
        } else {
            emit(Type.IDENTIFIER);
        }
        return true;
    }

    private static Type keyword(String word) {
        switch (word) {
            case "block":
                return Type.BLOCK;
            case "break":
                return Type.BREAK;
            case "continue":
                return Type.CONTINUE;
            case "define":
                return Type.DEFINE;
            case "else":
                return Type.ELSE;
            case "end":
                return Type.END;
            case "if":
                return Type.IF;
            case "range":
                return Type.RANGE;
            case "template":
                return Type.TEMPLATE;
            case "with":
                return Type.WITH;
            default:
                return null;
        }
    }

    private boolean variable() {
        if (atTerminator()) {
            emit(Type.VARIABLE);
            return true;
        }
        return fieldOrVariable(Type.VARIABLE);
    }

    private boolean fieldOrVariable(Type type) {
        if (atTerminator()) {
            emit(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
            return true;
        }
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup(r);
        if (!atTerminator()) {
            return error("bad character " + unicodeForm(r));
        }
        emit(type);
        return true;
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char r = input.charAt(pos);
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case '.':
            case ',':
            case '|':
            case ':':
            case ')':
            case '(':
            case '}':
                return true;
            default:
                return false;
        }
    }

    /** Scans to the closing quote of a string or character literal, past backslash escapes. */
    private boolean quoted(char close, Type type, String unterminated) {
        while (true) {
            int r = next();
            if (r == '\\') {
                r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
            }
            if (r == EOF || r == '\n') {
                return error(unterminated);
            }
            if (r == close) {
                emit(type);
                return true;
            }
        }
    }

    private boolean rawQuote() {
        int x = input.indexOf('`', pos);
        if (x < 0) {
            return error("unterminated raw quoted string");
        }
        advance(x + 1);
        emit(Type.RAW_STRING);
        return true;
    }

    private boolean number() {
        if (!scanNumber()) {
            return error("bad number syntax: " + GoText.quote(input.substring(start, pos)));
        }
        if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
            // Go reads 1+2i as a complex constant; berth has no complex numbers, so it is bad syntax either way.
            scanNumber();
            return error("bad number syntax: " + GoText.quote(input.substring(start, pos)));
        }
        emit(Type.NUMBER);
        return true;
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            next();
            return false;
        }
        return true;
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private int next() {
        if (pos >= input.length()) {
            pos = input.length() + 1;
            return EOF;
        }
        int r = input.codePointAt(pos);
        pos += Character.charCount(r);
        if (r == '\n') {
            line++;
        }
        return r;
    }

    private void backup(int r) {
        if (r == EOF) {
            pos = input.length();
            return;
        }
        pos -= Character.charCount(r);
        if (r == '\n') {
            line--;
        }
    }

    private Token token(Type type) {
        return new Token(type, start, input.substring(start, Math.min(pos, input.length())), startLine);
    }

    private void emit(Type type) {
        tokens.add(token(type));
        ignore();
    }

    private void ignore() {
        pos = Math.min(pos, input.length());
        start = pos;
        startLine = line;
    }

    private boolean error(String message) {
        tokens.add(new Token(Type.ERROR, start, message, startLine));
        return false;
    }

    /** Moves to {@code to} without scanning, counting the newlines passed over. */
    private void advance(int to) {
        line += count(pos, to);
        pos = to;
    }

    private int count(int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r != EOF && (Character.isLetter(r) || Character.isDigit(r)));
    }

    /** Go's {@code %#U}: {@code U+0022 '"'}. */
    static String unicodeForm(int r) {
        StringBuilder out = new StringBuilder("U+");
        String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
        for (int i = hex.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(hex);
        if (GoText.isPrint(r)) {
            out.append(" '").appendCodePoint(r).append('\'');
        }
        return out.toString();
    }
}
