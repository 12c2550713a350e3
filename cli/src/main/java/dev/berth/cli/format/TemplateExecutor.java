package dev.berth.cli.format;

import dev.berth.cli.format.TemplateFunctions.Param;
import dev.berth.cli.format.TemplateNodes.Action;
import dev.berth.cli.format.TemplateNodes.Bool;
import dev.berth.cli.format.TemplateNodes.Branch;
import dev.berth.cli.format.TemplateNodes.Chain;
import dev.berth.cli.format.TemplateNodes.Command;
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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs a parsed template on a value, following Go's {@code text/template} {@code exec.go}: the same lookup rules
 * (a missing map key is {@code <no value>}, a missing struct field an error), the same argument checks against
 * function signatures, the same variable scopes, and errors that name the node being evaluated, located by line
 * and byte column ({@code template: :1:2: executing "" at <.Foo>: ...}).
 *
 * <p>Go distinguishes a value held in an {@code interface {}} (what maps and lists of {@code interface {}} hold)
 * from a value of its own type only in error messages and for nil; the executor tracks that as "boxed".
 */
final class TemplateExecutor {

    /** No value piped in from a previous command (Go's {@code missingVal}). */
    private static final Object NO_FINAL = new Object();

    /** Thrown by {@code {{break}}} and {@code {{continue}}}; never escapes a range. */
    private static final class Jumping extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Jumping BREAK = new Jumping();
        static final Jumping CONTINUE = new Jumping();

        private Jumping() {
            super(null, null, false, false);
        }
    }

    private static final class Var {
        final String name;
        Object value;
        boolean boxed;

        Var(String name, Object value, boolean boxed) {
            this.name = name;
            this.value = value;
            this.boxed = boxed;
        }
    }

    private final String source;
    private final boolean header;
    private final StringBuilder out;
    private final List<Var> vars = new ArrayList<>();
    private Node current;
    /** Whether the value the last {@link #evalField} returned came out of an interface (a map or list). */
    private boolean fieldBoxed;

    private TemplateExecutor(String source, boolean header, StringBuilder out) {
        this.source = source;
        this.header = header;
        this.out = out;
    }

    /**
     * Executes {@code root} on {@code data}, writing to {@code out}; what was written before a failure stays.
     *
     * @param header whether Docker's header functions replace its own (table headers)
     */
    static void execute(String source, Sequence root, Object data, boolean header, StringBuilder out) {
        TemplateExecutor executor = new TemplateExecutor(source, header, out);
        Object dot = data == null ? TemplateValues.MISSING : data;
        executor.vars.add(new Var("$", dot, false));
        executor.walk(dot, false, root);
    }

    // ---- statements ------------------------------------------------------------------------------------------

    private void walk(Object dot, boolean dotBoxed, Node node) {
        current = node;
        if (node instanceof Text) {
            out.append(((Text) node).text);
        } else if (node instanceof Action) {
            Action action = (Action) node;
            Object value = evalPipeline(dot, dotBoxed, action.pipe);
            if (action.pipe.declarations.isEmpty()) {
                printValue(action, value);
            }
        } else if (node instanceof Sequence) {
            for (Node child : ((Sequence) node).nodes) {
                walk(dot, dotBoxed, child);
            }
        } else if (node instanceof Branch) {
            Branch branch = (Branch) node;
            if (branch.kind == Branch.Kind.RANGE) {
                walkRange(dot, dotBoxed, branch);
            } else {
                walkIfOrWith(dot, dotBoxed, branch);
            }
        } else if (node instanceof Jump) {
            throw ((Jump) node).isBreak ? Jumping.BREAK : Jumping.CONTINUE;
        } else {
            errorf("unknown node: " + node);
        }
    }

    private void walkIfOrWith(Object dot, boolean dotBoxed, Branch branch) {
        int mark = vars.size();
        try {
            Object value = evalPipeline(dot, dotBoxed, branch.pipe);
            if (TemplateValues.truth(value)) {
                if (branch.kind == Branch.Kind.WITH) {
                    walk(value, false, branch.list);
                } else {
                    walk(dot, dotBoxed, branch.list);
                }
            } else if (branch.elseList != null) {
                walk(dot, dotBoxed, branch.elseList);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, boolean dotBoxed, Branch range) {
        current = range;
        int outer = vars.size();
        try {
            Object value = evalPipeline(dot, dotBoxed, range.pipe);
            int mark = vars.size();
            boolean ran = false;
            try {
                if (value instanceof List) {
                    List<?> list = (List<?>) value;
                    boolean boxed = !TemplateValues.isStringList(list);
                    for (int i = 0; i < list.size(); i++) {
                        ran = true;
                        iteration(range, mark, (long) i, false, list.get(i), boxed);
                    }
                } else if (value instanceof Map) {
                    boolean boxed = !TemplateValues.isStringMap((Map<?, ?>) value);
                    for (Map.Entry<?, ?> entry : TemplateValues.sortedEntries((Map<?, ?>) value)) {
                        ran = true;
                        iteration(range, mark, String.valueOf(entry.getKey()), false, entry.getValue(), boxed);
                    }
                } else if (TemplateValues.isInteger(value)) {
                    if (range.pipe.declarations.size() > 1) {
                        errorf("can't use " + GoFmt.sprint(Collections.singletonList(value))
                                + " to iterate over more than one variable");
                    }
                    long count = ((Number) value).longValue();
                    for (long i = 0; i < count; i++) {
                        ran = true;
                        iteration(range, mark, i, false, i, false);
                    }
                } else if (value != TemplateValues.MISSING) {
                    StringBuilder text = new StringBuilder();
                    GoFmt.print(text, value);
                    errorf("range can't iterate over " + text);
                }
            } catch (Jumping jump) {
                if (jump != Jumping.BREAK) {
                    throw jump;
                }
                return;
            }
            if (!ran && range.elseList != null) {
                walk(dot, dotBoxed, range.elseList);
            }
        } finally {
            pop(outer);
        }
    }

    private void iteration(Branch range, int mark, Object index, boolean indexBoxed, Object element,
            boolean elementBoxed) {
        List<Variable> declarations = range.pipe.declarations;
        if (!declarations.isEmpty()) {
            if (range.pipe.isAssign) {
                if (declarations.size() > 1) {
                    setVar(declarations.get(0).idents[0], index, indexBoxed);
                    setVar(declarations.get(1).idents[0], element, elementBoxed);
                } else {
                    setVar(declarations.get(0).idents[0], element, elementBoxed);
                }
            } else {
                setTopVar(1, element, elementBoxed);
                if (declarations.size() > 1) {
                    setTopVar(2, index, indexBoxed);
                }
            }
        }
        try {
            walk(element, elementBoxed, range.list);
        } catch (Jumping jump) {
            if (jump != Jumping.CONTINUE) {
                throw jump;
            }
        } finally {
            pop(mark);
        }
    }

    private void printValue(Node node, Object value) {
        current = node;
        if (value instanceof String) {
            // Most listing fields are strings: print them without loading Go's fmt.
            out.append((String) value);
        } else if (value == TemplateValues.MISSING || value == null) {
            out.append("<no value>");
        } else if (value instanceof GoMethod) {
            errorf("can't print " + node + " of type " + TemplateValues.typeName(value));
        } else {
            GoFmt.print(out, value);
        }
    }

    // ---- pipelines and commands ------------------------------------------------------------------------------

    private Object evalPipeline(Object dot, boolean dotBoxed, Pipe pipe) {
        current = pipe;
        Object value = NO_FINAL;
        for (Command command : pipe.commands) {
            value = evalCommand(dot, dotBoxed, command, value);
            // A value taken out of an interface is used as what it holds; a nil one is no value at all.
            if (value == null) {
                value = TemplateValues.MISSING;
            }
        }
        for (Variable variable : pipe.declarations) {
            if (pipe.isAssign) {
                setVar(variable.idents[0], value, false);
            } else {
                vars.add(new Var(variable.idents[0], value, false));
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, boolean dotBoxed, Command command, Object fin) {
        Node first = command.args.get(0);
        if (first instanceof Field) {
            return evalFieldNode(dot, dotBoxed, (Field) first, command.args, fin);
        }
        if (first instanceof Chain) {
            return evalChainNode(dot, dotBoxed, (Chain) first, command.args, fin);
        }
        if (first instanceof Identifier) {
            return evalFunction(dot, dotBoxed, (Identifier) first, command, command.args, fin);
        }
        if (first instanceof Pipe) {
            notAFunction(command.args, fin);
            return evalPipeline(dot, dotBoxed, (Pipe) first);
        }
        if (first instanceof Variable) {
            return evalVariableNode(dot, dotBoxed, (Variable) first, command.args, fin);
        }
        current = first;
        notAFunction(command.args, fin);
        if (first instanceof Bool) {
            return ((Bool) first).value;
        }
        if (first instanceof Dot) {
            return dot;
        }
        if (first instanceof Nil) {
            errorf("nil is not a command");
        }
        if (first instanceof TemplateNodes.Number) {
            return idealConstant((TemplateNodes.Number) first);
        }
        if (first instanceof Str) {
            return ((Str) first).text;
        }
        errorf("can't evaluate command " + GoText.quote(first.toString()));
        return null;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if ((args != null && args.size() > 1) || fin != NO_FINAL) {
            errorf("can't give argument to non-function " + args.get(0));
        }
    }

    /** A number literal where no type is expected: a float if written like one, else an int. */
    private Object idealConstant(TemplateNodes.Number number) {
        current = number;
        if (number.looksFloat) {
            return number.floatValue;
        }
        if (number.isInt) {
            return number.intValue;
        }
        if (number.isUint) {
            errorf(number.text + " overflows int");
        }
        return TemplateValues.MISSING;
    }

    // ---- fields and variables --------------------------------------------------------------------------------

    private Object evalFieldNode(Object dot, boolean dotBoxed, Field field, List<Node> args, Object fin) {
        current = field;
        return evalFieldChain(dot, dotBoxed, dot, dotBoxed, field, field.idents, 0, args, fin);
    }

    private Object evalChainNode(Object dot, boolean dotBoxed, Chain chain, List<Node> args, Object fin) {
        current = chain;
        if (chain.node instanceof Nil) {
            errorf("indirection through explicit nil in " + chain);
        }
        Object receiver = evalArg(dot, dotBoxed, null, chain.node);
        return evalFieldChain(dot, dotBoxed, receiver, false, chain, chain.fields, 0, args, fin);
    }

    private Object evalVariableNode(Object dot, boolean dotBoxed, Variable variable, List<Node> args, Object fin) {
        current = variable;
        Var var = lookup(variable.idents[0]);
        if (variable.idents.length == 1) {
            notAFunction(args, fin);
            fieldBoxed = var.boxed;
            return var.value;
        }
        return evalFieldChain(dot, dotBoxed, var.value, var.boxed, variable, variable.idents, 1, args, fin);
    }

    private Object evalFieldChain(Object dot, boolean dotBoxed, Object receiver, boolean receiverBoxed, Node node,
            String[] idents, int from, List<Node> args, Object fin) {
        int last = idents.length - 1;
        for (int i = from; i < last; i++) {
            receiver = evalField(dot, dotBoxed, idents[i], node, null, NO_FINAL, receiver, receiverBoxed);
            receiverBoxed = fieldBoxed;
        }
        return evalField(dot, dotBoxed, idents[last], node, args, fin, receiver, receiverBoxed);
    }

    private Object evalField(Object dot, boolean dotBoxed, String name, Node node, List<Node> args, Object fin,
            Object receiver, boolean receiverBoxed) {
        fieldBoxed = false;
        if (receiver == TemplateValues.MISSING) {
            return TemplateValues.MISSING;
        }
        if (receiver == null) {
            errorf("nil pointer evaluating interface {}." + name);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != NO_FINAL;
        if (receiver instanceof GoStruct) {
            GoStruct struct = (GoStruct) receiver;
            if (struct.has(name)) {
                Object value = struct.get(name);
                if (value instanceof GoMethod) {
                    Object result = callMethod(dot, dotBoxed, (GoMethod) value, node, name, args, fin);
                    fieldBoxed = false;
                    return result;
                }
                if (hasArgs) {
                    errorf(name + " has arguments but cannot be invoked as function");
                }
                return value;
            }
        } else if (receiver instanceof Map) {
            if (hasArgs) {
                errorf(name + " is not a method but has arguments");
            }
            Map<?, ?> map = (Map<?, ?>) receiver;
            fieldBoxed = !TemplateValues.isStringMap(map);
            Object value = map.get(name);
            return value != null || map.containsKey(name) ? value : TemplateValues.MISSING;
        }
        errorf("can't evaluate field " + name + " in type "
                + (receiverBoxed ? "interface {}" : TemplateValues.typeName(receiver)));
        return null;
    }

    private Object callMethod(Object dot, boolean dotBoxed, GoMethod method, Node node, String name, List<Node> args,
            Object fin) {
        int given = (args == null ? 0 : args.size() - 1) + (fin != NO_FINAL ? 1 : 0);
        if (given != 1) {
            errorf("wrong number of args for " + name + ": want 1 got " + given);
        }
        Object argument = args != null && args.size() > 1 ? evalArg(dot, dotBoxed, Param.STRING, args.get(1))
                : validateType(fin, false, Param.STRING);
        try {
            return method.call((String) argument);
        } catch (RuntimeException e) {
            current = node;
            errorf("error calling " + name + ": " + e.getMessage());
            return null;
        }
    }

    private Var lookup(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(name)) {
                return vars.get(i);
            }
        }
        errorf("undefined variable: " + name);
        return null;
    }

    private void setVar(String name, Object value, boolean boxed) {
        Var var = lookup(name);
        var.value = value;
        var.boxed = boxed;
    }

    private void setTopVar(int n, Object value, boolean boxed) {
        Var var = vars.get(vars.size() - n);
        var.value = value;
        var.boxed = boxed;
    }

    private void pop(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    // ---- functions -------------------------------------------------------------------------------------------

    private Object evalFunction(Object dot, boolean dotBoxed, Identifier identifier, Node command, List<Node> args,
            Object fin) {
        current = identifier;
        TemplateFunctions function = TemplateFunctions.named(identifier.name);
        return evalCall(dot, dotBoxed, function, command, identifier.name, args, fin);
    }

    private Object evalCall(Object dot, boolean dotBoxed, TemplateFunctions function, Node node, String name,
            List<Node> args, Object fin) {
        List<Node> argNodes = args == null || args.isEmpty() ? Collections.emptyList() : args.subList(1, args.size());
        boolean hasFinal = fin != NO_FINAL;
        int numIn = argNodes.size() + (hasFinal ? 1 : 0);
        int numFixed = argNodes.size();
        if (function.isVariadic()) {
            numFixed = function.fixedCount();
            if (numIn < numFixed) {
                errorf("wrong number of args for " + name + ": want at least " + numFixed + " got " + argNodes.size());
            }
        } else if (numIn != function.fixedCount()) {
            errorf("wrong number of args for " + name + ": want " + function.fixedCount() + " got " + numIn);
        }
        if (function == TemplateFunctions.AND || function == TemplateFunctions.OR) {
            // and/or stop at the first argument that decides, and return it.
            boolean or = function == TemplateFunctions.OR;
            Object value = null;
            for (Node arg : argNodes) {
                value = evalArg(dot, dotBoxed, Param.VALUE, arg);
                if (TemplateValues.truth(value) == or) {
                    return value;
                }
            }
            return hasFinal ? validateType(fin, false, Param.VALUE) : value;
        }
        List<Object> argv = new ArrayList<>(numIn);
        int i = 0;
        for (; i < numFixed && i < argNodes.size(); i++) {
            argv.add(evalArg(dot, dotBoxed, function.param(i, header), argNodes.get(i)));
        }
        for (; i < argNodes.size(); i++) {
            argv.add(evalArg(dot, dotBoxed, function.param(i, header), argNodes.get(i)));
        }
        if (hasFinal) {
            argv.add(validateType(fin, false, function.param(numIn - 1, header)));
        }
        try {
            return function.call(argv, header);
        } catch (TemplateFunctions.Failure failure) {
            current = node;
            errorf("error calling " + name + ": " + failure.getMessage());
            return null;
        }
    }

    /** Evaluates an argument for a parameter of type {@code type}; null type means "as it is" (Go's nil type). */
    private Object evalArg(Object dot, boolean dotBoxed, Param type, Node n) {
        current = n;
        if (n instanceof Dot) {
            return validateType(dot, dotBoxed, type);
        }
        if (n instanceof Nil) {
            if (type == null || type == Param.VALUE) {
                return TemplateValues.MISSING;
            }
            if (type == Param.ANY) {
                return null;
            }
            if (type == Param.STRINGS) {
                return Collections.emptyList();
            }
            errorf("cannot assign nil to " + type.goName);
        }
        if (n instanceof Field) {
            Object value = evalFieldNode(dot, dotBoxed, (Field) n, Collections.singletonList(n), NO_FINAL);
            return validateType(value, fieldBoxed, type);
        }
        if (n instanceof Variable) {
            Object value = evalVariableNode(dot, dotBoxed, (Variable) n, null, NO_FINAL);
            return validateType(value, fieldBoxed, type);
        }
        if (n instanceof Pipe) {
            return validateType(evalPipeline(dot, dotBoxed, (Pipe) n), false, type);
        }
        if (n instanceof Identifier) {
            return validateType(evalFunction(dot, dotBoxed, (Identifier) n, n, null, NO_FINAL), false, type);
        }
        if (n instanceof Chain) {
            return validateType(evalChainNode(dot, dotBoxed, (Chain) n, null, NO_FINAL), fieldBoxed, type);
        }
        if (type == Param.STRING) {
            if (n instanceof Str) {
                return ((Str) n).text;
            }
            errorf("expected string; found " + n);
        }
        if (type == Param.INT) {
            if (n instanceof TemplateNodes.Number && ((TemplateNodes.Number) n).isInt) {
                return ((TemplateNodes.Number) n).intValue;
            }
            errorf("expected integer; found " + n);
        }
        if (type == Param.STRINGS) {
            errorf("can't handle " + n + " for arg of type []string");
        }
        if (n instanceof Bool) {
            return ((Bool) n).value;
        }
        if (n instanceof TemplateNodes.Number) {
            return idealConstant((TemplateNodes.Number) n);
        }
        if (n instanceof Str) {
            return ((Str) n).text;
        }
        errorf("can't handle " + n + " for arg of type " + (type == null ? "interface {}" : type.goName));
        return null;
    }

    /** Checks a value against a parameter type as Go's reflection would, and converts it. */
    private Object validateType(Object value, boolean boxed, Param type) {
        if (type == null || type == Param.VALUE) {
            return value;
        }
        if (value == TemplateValues.MISSING) {
            if (type == Param.ANY) {
                return null;
            }
            if (type == Param.STRINGS) {
                return Collections.emptyList();
            }
            errorf("invalid value; expected " + type.goName);
        }
        if (type == Param.ANY) {
            return value;
        }
        String actual = value == null ? "interface {}" : TemplateValues.typeName(value);
        switch (type) {
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case INT:
                if (value instanceof BigInteger) {
                    return ((BigInteger) value).longValue();
                }
                if (TemplateValues.isInteger(value)) {
                    return ((Number) value).longValue();
                }
                break;
            case STRINGS:
                if (value instanceof List && TemplateValues.isStringList((List<?>) value)) {
                    return value;
                }
                break;
            default:
                break;
        }
        errorf("wrong type for value; expected " + type.goName + "; got " + actual);
        return null;
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    private void errorf(String message) {
        if (current == null) {
            throw new TemplateError("template: : " + message);
        }
        int pos = Math.min(current.pos(), source.length());
        int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        int column = GoText.byteLength(source.substring(lineStart, pos));
        throw new TemplateError("template: :" + line + ":" + column + ": executing \"\" at <" + current + ">: "
                + message);
    }
}
