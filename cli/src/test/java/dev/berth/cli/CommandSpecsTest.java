package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.cli.command.BerthCommand;
import dev.berth.cli.command.container.RunCommand;
import dev.berth.cli.command.container.RunCommand_Spec;
import dev.berth.cli.inject.DaggerCliComponent;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * The models written at compile time are the models picocli reads from the same annotations by reflection:
 * every command, every option and parameter with every attribute that changes how berth parses or prints help,
 * and the help text itself.
 */
class CommandSpecsTest {

    private final CommandLine.IFactory factory = DaggerCliComponent.builder()
            .streams(new Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(PrintStream.nullOutputStream()),
                    new PrintStream(PrintStream.nullOutputStream())))
            .environment(new Environment(Map.of()))
            .build().commandFactory();

    static Stream<Class<?>> commands() {
        List<Class<?>> types = new ArrayList<>(List.of(BerthCommand.class));
        collect(CommandTree.COMMANDS, types);
        return types.stream().distinct();
    }

    private static void collect(List<CommandTree.Node> nodes, List<Class<?>> types) {
        for (CommandTree.Node node : nodes) {
            types.add(node.type());
            collect(node.children(), types);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void generatedModelIsTheAnnotatedModel(Class<?> type) throws Exception {
        CommandSpec reflected = CommandSpec.forAnnotatedObject(factory.create(type), factory);
        CommandSpec generated = CommandSpecs.create(type, factory);

        assertEquals(describe(reflected), describe(generated), type.getName());
        assertEquals(usage(reflected), usage(generated), type.getName());
    }

    @Test
    void theCommandTreeIsBuiltFromTheGeneratedModels() {
        CommandLine root = CommandTree.build(new String[] {"--data-root", "/d", "run", "bb:1"}, factory);

        assertEquals(GlobalOptions_Spec.class, root.getCommandSpec().findOption("--data-root").getter().getClass());
        assertEquals(RunCommand_Spec.class,
                root.getSubcommands().get("run").getCommandSpec().findOption("--detach").getter().getClass());
    }

    @Test
    void parsingSetsTheCommandsFields() {
        CommandSpec spec = CommandSpecs.create(RunCommand.class, factory);
        RunCommand run = (RunCommand) spec.userObject();
        new CommandLine(spec).setStopAtPositional(true).parseArgs("-d", "--rm", "-e", "A=1", "-e", "B=2", "--pids-limit", "7", "bb:1", "sh", "-c",
                "true");

        assertEquals(Boolean.TRUE, spec.findOption("--detach").getValue());
        assertEquals(List.of("A=1", "B=2"), spec.findOption("-e").getValue());
        assertEquals(7L, (long) spec.findOption("--pids-limit").getValue());
        assertEquals(List.of("bb:1", "sh", "-c", "true"), spec.positionalParameters().stream()
                .flatMap(p -> p.stringValues().stream()).collect(Collectors.toList()));
        assertSame(run, spec.userObject());
    }

    private static String usage(CommandSpec spec) {
        return new CommandLine(spec).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String describe(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append("name=").append(spec.name())
                .append(" description=").append(Arrays.toString(spec.usageMessage().description()))
                .append(" header=").append(Arrays.toString(spec.usageMessage().header()))
                .append(" hidden=").append(spec.usageMessage().hidden())
                .append(" mixins=").append(spec.mixins().keySet())
                .append('\n');
        spec.options().stream().sorted(Comparator.comparing(OptionSpec::longestName)).forEach(option ->
                out.append(Arrays.toString(option.names())).append(" negatable=").append(option.negatable())
                        .append(' ').append(describe(option)).append('\n'));
        spec.positionalParameters().forEach(positional ->
                out.append("index=").append(positional.index()).append(' ').append(describe(positional)).append('\n'));
        return out.toString();
    }

    private static String describe(ArgSpec arg) {
        return "arity=" + arg.arity() + " label=" + arg.paramLabel() + " description="
                + Arrays.toString(arg.description()) + " type=" + arg.type().getName() + " auxiliary="
                + Arrays.stream(arg.auxiliaryTypes()).map(Class::getName).collect(Collectors.toList())
                + " default=" + arg.defaultValue() + " initial=" + arg.initialValue() + " hasInitial="
                + arg.hasInitialValue() + " hidden=" + arg.hidden() + " required=" + arg.required() + " split="
                + arg.splitRegex() + " interactive=" + arg.interactive() + " multiValue=" + arg.isMultiValue()
                + " candidates=" + (arg.completionCandidates() == null ? "none" : toList(arg.completionCandidates()))
                + (arg instanceof PositionalParamSpec ? " positional" : "");
    }

    private static List<String> toList(Iterable<String> values) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
