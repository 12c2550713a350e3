package dev.berth.cli;

import dev.berth.core.BerthException;
import dev.berth.core.UncheckedBerthException;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns every failure into what Docker prints and its exit code: one line that says what is wrong, a hint of
 * what to do, and no stack trace unless debugging.
 */
final class Failures implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    private final PrintStream err;
    private final GlobalOptions options;

    Failures(PrintStream err, GlobalOptions options) {
        this.err = err;
        this.options = options;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            CommandLine.UnmatchedArgumentException unmatched = (CommandLine.UnmatchedArgumentException) ex;
            String first = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                return usageError(name, "unknown flag: " + first);
            }
            if (!command.getSubcommands().isEmpty()) {
                String prefix = command.getParent() == null ? "" : name.substring(name.indexOf(' ') + 1) + " ";
                err.println("berth: '" + prefix + first + "' is not a berth command.");
                err.println("See '" + name + " --help'");
                return ExitCodes.FAILURE;
            }
            if (command.getCommandSpec().positionalParameters().isEmpty()) {
                return argumentError(name, "\"" + name + "\" accepts no arguments.");
            }
            return argumentError(name, "\"" + name + "\" got an unexpected argument \"" + first + "\".");
        }
        if (ex instanceof CommandLine.MissingParameterException) {
            List<ArgSpec> missing = ((CommandLine.MissingParameterException) ex).getMissing();
            if (missing != null && !missing.isEmpty() && missing.stream().allMatch(ArgSpec::isPositional)) {
                return argumentError(name, "\"" + name + "\" requires " + describe(missing) + ".");
            }
        }
        return usageError(name, ex.getMessage());
    }

    private static String describe(List<ArgSpec> missing) {
        ArgSpec first = missing.get(0);
        int min = first.arity().min();
        return "at least " + Math.max(1, min) + " argument" + (Math.max(1, min) == 1 ? "" : "s")
                + " (" + first.paramLabel() + ")";
    }

    private int usageError(String name, String message) {
        err.println(name + ": " + message);
        err.println("See '" + name + " --help'.");
        return ExitCodes.USAGE_OR_ENGINE;
    }

    private int argumentError(String name, String message) {
        err.println("berth: " + message);
        err.println("See '" + name + " --help'.");
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, CommandLine.ParseResult parseResult) {
        Throwable failure = ex instanceof UncheckedBerthException ? ex.getCause() : ex;
        int code = command.getCommand() instanceof OwnFailureExitCode
                ? ((OwnFailureExitCode) command.getCommand()).ownFailureExitCode() : ExitCodes.FAILURE;
        boolean debug = options.debug();
        if (failure instanceof BerthException) {
            err.println("Error: " + failure.getMessage());
        } else {
            String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
            err.println("Error: " + message + (debug ? "" : " (run berth with --debug to see where)"));
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        return code;
    }
}
