package dev.berth.cli.format;

import dev.berth.cli.format.TemplateNodes.Field;
import dev.berth.cli.format.TemplateNodes.Node;
import dev.berth.cli.format.TemplateNodes.Sequence;
import dev.berth.cli.format.TemplateNodes.Variable;
import java.util.Objects;

/**
 * A Go {@code text/template}, the language of Docker's {@code --format} and {@code inspect -f}: parsed once, then
 * executed on values with Go's semantics and Go's error messages, and with the functions Docker's CLI adds
 * ({@code json split join title lower upper pad truncate}) beside Go's builtins.
 *
 * <p>Values are what Jackson produces ({@code Map}, {@code List}, {@code String}, numbers, {@code Boolean},
 * null) plus {@link GoStruct} for values whose unknown fields must be errors. Written without a dependency: there
 * is no maintained Go template engine for Java. Unsupported: named templates ({@code define}, {@code template},
 * {@code block}) and complex numbers.
 */
public final class GoTemplate {

    /** Go's stack grows where Java's does not: thousands of nested parentheses fail here instead. */
    private static final String TOO_DEEP = "template: :1: too deeply nested";

    private final String text;
    private final Sequence root;

    private GoTemplate(String text, Sequence root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text} as Go does, without Docker's {@code table} and {@code \t} handling (which
     * {@link Listing} adds for listings).
     *
     * @throws TemplateException with Go's message, such as {@code template: :1: unclosed action}
     */
    public static GoTemplate parse(String text) throws TemplateException {
        Objects.requireNonNull(text, "text");
        try {
            return new GoTemplate(text, TemplateParser.parse(text));
        } catch (TemplateError e) {
            throw new TemplateException(e.getMessage());
        } catch (StackOverflowError e) {
            throw new TemplateException(TOO_DEEP);
        }
    }

    /** Executes the template on {@code data} and returns what it wrote. */
    public String execute(Object data) throws TemplateException {
        StringBuilder out = new StringBuilder();
        execute(data, out);
        return out.toString();
    }

    /** Executes the template on {@code data}, appending to {@code out}; on failure, what was written stays. */
    public void execute(Object data, StringBuilder out) throws TemplateException {
        try {
            TemplateExecutor.execute(text, root, data, false, out);
        } catch (TemplateError e) {
            throw new TemplateException(e.getMessage());
        } catch (StackOverflowError e) {
            throw new TemplateException(TOO_DEEP);
        }
    }

    /**
     * Executes the template as Docker renders a table header: on the map of header names, with Docker's
     * functions replaced by ones that return their argument, keeping whatever was written before an error.
     */
    void executeHeader(Object headers, StringBuilder out) {
        try {
            TemplateExecutor.execute(text, root, headers, true, out);
        } catch (TemplateError | StackOverflowError e) {
            // Docker ignores header errors: the header is what was written up to the failure.
        }
    }

    /**
     * Whether the template reads field {@code name} of its data ({@code .Size}, {@code $.Size}): {@code ps} uses
     * this, as Docker does, to compute sizes only when a format shows them.
     */
    public boolean usesField(String name) {
        return uses(root, name);
    }

    private static boolean uses(Object node, String name) {
        if (node instanceof Field) {
            return ((Field) node).idents[0].equals(name);
        }
        if (node instanceof Variable) {
            String[] idents = ((Variable) node).idents;
            return idents.length > 1 && idents[0].equals("$") && idents[1].equals(name);
        }
        if (node instanceof Sequence) {
            for (Node child : ((Sequence) node).nodes) {
                if (uses(child, name)) {
                    return true;
                }
            }
        } else if (node instanceof TemplateNodes.Action) {
            return uses(((TemplateNodes.Action) node).pipe, name);
        } else if (node instanceof TemplateNodes.Branch) {
            TemplateNodes.Branch branch = (TemplateNodes.Branch) node;
            return uses(branch.pipe, name) || uses(branch.list, name)
                    || branch.elseList != null && uses(branch.elseList, name);
        } else if (node instanceof TemplateNodes.Pipe) {
            for (TemplateNodes.Command command : ((TemplateNodes.Pipe) node).commands) {
                if (uses(command, name)) {
                    return true;
                }
            }
        } else if (node instanceof TemplateNodes.Command) {
            for (Node arg : ((TemplateNodes.Command) node).args) {
                if (uses(arg, name)) {
                    return true;
                }
            }
        } else if (node instanceof TemplateNodes.Chain) {
            return uses(((TemplateNodes.Chain) node).node, name);
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
