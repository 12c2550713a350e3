package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The parse tree of a template, shaped like Go's {@code text/template/parse} nodes. Each node knows its offset in
 * the template and prints itself as Go does, because execution errors quote the node
 * ({@code executing "" at <.Foo>}).
 */
final class TemplateNodes {

    private TemplateNodes() {
    }

    /**
     * A node. An interface rather than a base class so that verifying the parser and executor, which hand nodes
     * around as {@code Node}, does not load every node class: only the kinds a template uses are loaded, and
     * each class loaded costs start-up time.
     */
    interface Node {
        /** The node's offset in the template. */
        int pos();
    }

    /** Where a node starts. */
    abstract static class Positioned implements Node {
        private final int pos;

        Positioned(int pos) {
            this.pos = pos;
        }

        @Override
        public int pos() {
            return pos;
        }
    }

    /** A sequence of text and actions. */
    static final class Sequence extends Positioned {
        final List<Node> nodes = new ArrayList<>();

        Sequence(int pos) {
            super(pos);
        }
    }

    static final class Text extends Positioned {
        final String text;

        Text(int pos, String text) {
            super(pos);
            this.text = text;
        }

        @Override
        public String toString() {
            return GoText.quote(text);
        }
    }

    /** {@code {{pipeline}}}: prints the pipeline's value unless it declares variables. */
    static final class Action extends Positioned {
        final Pipe pipe;

        Action(int pos, Pipe pipe) {
            super(pos);
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code if}, {@code range} and {@code with}: a pipeline, a body, and what runs otherwise. */
    static final class Branch extends Positioned {
        enum Kind { IF, RANGE, WITH }

        final Kind kind;
        final Pipe pipe;
        final Sequence list;
        final Sequence elseList;

        Branch(Kind kind, int pos, Pipe pipe, Sequence list, Sequence elseList) {
            super(pos);
            this.kind = kind;
            this.pipe = pipe;
            this.list = list;
            this.elseList = elseList;
        }
    }

    /** {@code {{break}}} or {@code {{continue}}} inside a range. */
    static final class Jump extends Positioned {
        final boolean isBreak;

        Jump(int pos, boolean isBreak) {
            super(pos);
            this.isBreak = isBreak;
        }
    }

    /** What {@code itemList} stops at: {@code {{end}}} or {@code {{else}}}. */
    static final class Delimiter extends Positioned {
        final boolean isElse;

        Delimiter(int pos, boolean isElse) {
            super(pos);
            this.isElse = isElse;
        }

        @Override
        public String toString() {
            return isElse ? "{{else}}" : "{{end}}";
        }
    }

    /** Commands separated by {@code |}, optionally declaring or assigning variables. */
    static final class Pipe extends Positioned {
        final boolean isAssign;
        final List<Variable> declarations;
        final List<Command> commands = new ArrayList<>();

        Pipe(int pos, boolean isAssign, List<Variable> declarations) {
            super(pos);
            this.isAssign = isAssign;
            this.declarations = declarations;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            if (!declarations.isEmpty()) {
                for (int i = 0; i < declarations.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    out.append(declarations.get(i));
                }
                out.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < commands.size(); i++) {
                if (i > 0) {
                    out.append(" | ");
                }
                out.append(commands.get(i));
            }
            return out.toString();
        }
    }

    /** Operands separated by spaces: a function or method and its arguments, or one value. */
    static final class Command extends Positioned {
        final List<Node> args = new ArrayList<>();

        Command(int pos) {
            super(pos);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                Node arg = args.get(i);
                if (arg instanceof Pipe) {
                    out.append('(').append(arg).append(')');
                } else {
                    out.append(arg);
                }
            }
            return out.toString();
        }
    }

    /** {@code .A.B}: fields looked up from dot. */
    static final class Field extends Positioned {
        final String[] idents;

        Field(int pos, String[] idents) {
            super(pos);
            this.idents = idents;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (String ident : idents) {
                out.append('.').append(ident);
            }
            return out.toString();
        }
    }

    /** {@code $x.A.B}: a variable (the first ident, {@code $} alone is the data) and fields of it. */
    static final class Variable extends Positioned {
        final String[] idents;

        Variable(int pos, String[] idents) {
            super(pos);
            this.idents = idents;
        }

        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** {@code (pipeline).A.B}: fields of a term that is not a field or variable. */
    static final class Chain extends Positioned {
        final Node node;
        final String[] fields;

        Chain(int pos, Node node, String[] fields) {
            super(pos);
            this.node = node;
            this.fields = fields;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            if (node instanceof Pipe) {
                out.append('(').append(node).append(')');
            } else {
                out.append(node);
            }
            for (String field : fields) {
                out.append('.').append(field);
            }
            return out.toString();
        }
    }

    /** A function name. */
    static final class Identifier extends Positioned {
        final String name;

        Identifier(int pos, String name) {
            super(pos);
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Dot extends Positioned {
        Dot(int pos) {
            super(pos);
        }

        @Override
        public String toString() {
            return ".";
        }
    }

    static final class Nil extends Positioned {
        Nil(int pos) {
            super(pos);
        }

        @Override
        public String toString() {
            return "nil";
        }
    }

    static final class Bool extends Positioned {
        final boolean value;

        Bool(int pos, boolean value) {
            super(pos);
            this.value = value;
        }

        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    /** A number literal, with Go's view of which types it fits: integer, float, or both. */
    static final class Number extends Positioned {
        final String text;
        final boolean isInt;
        final long intValue;
        /** An unsigned 64-bit value too large for Go's int: only usable as a float. */
        final boolean isUint;
        final boolean isFloat;
        final double floatValue;
        /** Whether the literal reads as a float in an untyped context: it has a point or an exponent. */
        final boolean looksFloat;

        Number(int pos, String text, boolean isInt, long intValue, boolean isUint, boolean isFloat,
                double floatValue, boolean looksFloat) {
            super(pos);
            this.text = text;
            this.isInt = isInt;
            this.intValue = intValue;
            this.isUint = isUint;
            this.isFloat = isFloat;
            this.floatValue = floatValue;
            this.looksFloat = looksFloat;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final class Str extends Positioned {
        final String quoted;
        final String text;

        Str(int pos, String quoted, String text) {
            super(pos);
            this.quoted = quoted;
            this.text = text;
        }

        @Override
        public String toString() {
            return quoted;
        }
    }
}
