package dev.berth.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Gives every command Docker's help layout: {@code Usage:  berth ps [OPTIONS]}, the description, the
 * options, the subcommands, and a {@code --help} flag, without repeating it on each command class.
 */
final class HelpLayout {

    private HelpLayout() {
    }

    static void apply(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("--help").usageHelp(true).description("Print usage").build());
        }
        spec.usageMessage()
                .synopsisHeading("")
                .customSynopsis("Usage:  " + synopsis(spec))
                .descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading(spec.parent() == null ? "%nGlobal Options:%n" : "%nOptions:%n")
                .commandListHeading("%nCommands:%n")
                .abbreviateSynopsis(true);
        if (!commandLine.getSubcommands().isEmpty()) {
            spec.usageMessage().footer("%nRun '" + spec.qualifiedName() + " COMMAND --help' for more information"
                    + " on a command.");
        }
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getParent() == commandLine) {
                apply(sub);
            }
        }
    }

    private static String synopsis(CommandSpec spec) {
        StringBuilder synopsis = new StringBuilder(spec.qualifiedName()).append(" [OPTIONS]");
        if (!spec.subcommands().isEmpty()) {
            return synopsis.append(" COMMAND").toString();
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        String params = positionals.stream().filter(p -> !p.hidden()).map(HelpLayout::describe)
                .collect(Collectors.joining(" "));
        return params.isEmpty() ? synopsis.toString() : synopsis.append(' ').append(params).toString();
    }

    private static String describe(PositionalParamSpec param) {
        String label = param.paramLabel();
        CommandLine.Range arity = param.arity();
        String repeated = arity.max() > 1 ? label + " [" + label + "...]" : label;
        return arity.min() == 0 ? "[" + repeated + "]" : repeated;
    }
}
