package dev.berth.cli;

import dev.berth.cli.command.BerthCommand;
import dev.berth.cli.command.CompletionCommand;
import dev.berth.cli.command.InspectCommand;
import dev.berth.cli.command.VersionCommand;
import dev.berth.cli.command.WarmupCommand;
import dev.berth.cli.command.container.CleanupCommand;
import dev.berth.cli.command.container.CommitCommand;
import dev.berth.cli.command.container.ContainerCommand;
import dev.berth.cli.command.container.ContainerPruneCommand;
import dev.berth.cli.command.container.CopyCommand;
import dev.berth.cli.command.container.CreateCommand;
import dev.berth.cli.command.container.DiffCommand;
import dev.berth.cli.command.container.ExecCommand;
import dev.berth.cli.command.container.ExportCommand;
import dev.berth.cli.command.container.KillCommand;
import dev.berth.cli.command.container.LogsCommand;
import dev.berth.cli.command.container.PauseCommand;
import dev.berth.cli.command.container.PsCommand;
import dev.berth.cli.command.container.RemoveCommand;
import dev.berth.cli.command.container.RenameCommand;
import dev.berth.cli.command.container.RestartCommand;
import dev.berth.cli.command.container.RunCommand;
import dev.berth.cli.command.container.StartCommand;
import dev.berth.cli.command.container.StatsCommand;
import dev.berth.cli.command.container.StopCommand;
import dev.berth.cli.command.container.TopCommand;
import dev.berth.cli.command.container.UnpauseCommand;
import dev.berth.cli.command.container.WaitCommand;
import dev.berth.cli.command.image.HistoryCommand;
import dev.berth.cli.command.image.ImageCommand;
import dev.berth.cli.command.image.ImagePruneCommand;
import dev.berth.cli.command.image.ImagesCommand;
import dev.berth.cli.command.image.ImportCommand;
import dev.berth.cli.command.image.LoadCommand;
import dev.berth.cli.command.image.PullCommand;
import dev.berth.cli.command.image.PushCommand;
import dev.berth.cli.command.image.RemoveImageCommand;
import dev.berth.cli.command.image.SaveCommand;
import dev.berth.cli.command.image.TagCommand;
import dev.berth.cli.command.registry.LoginCommand;
import dev.berth.cli.command.registry.LogoutCommand;
import dev.berth.cli.command.system.InfoCommand;
import dev.berth.cli.command.system.SystemCommand;
import dev.berth.cli.command.system.SystemDfCommand;
import dev.berth.cli.command.system.SystemPruneCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Every command of {@code berth}, by name, as Docker names them (with its groups such as {@code image ls}).
 * Only the command a user runs is given to picocli, so that start-up does not pay for building the model of
 * the forty others; help and errors get the whole tree. The models are the ones written at compile time from the
 * commands' annotations ({@link CommandSpecs}), not read from them by reflection.
 */
final class CommandTree {

    /**
     * A command: its name, its class, its subcommands if it is a group, and option defaults that differ where
     * one class serves under two names ({@code image inspect} is {@code inspect --type image}).
     */
    record Node(String name, Class<?> type, List<Node> children, Map<String, String> defaults) {
        static Node leaf(String name, Class<?> type) {
            return new Node(name, type, List.of(), Map.of());
        }

        static Node group(String name, Class<?> type, Node... children) {
            return new Node(name, type, List.of(children), Map.of());
        }

        Node withDefault(String option, String value) {
            return new Node(name, type, children, Map.of(option, value));
        }
    }

    /** In the order {@code berth --help} lists them. */
    static final List<Node> COMMANDS = List.of(
            Node.leaf("run", RunCommand.class),
            Node.leaf("exec", ExecCommand.class),
            Node.leaf("ps", PsCommand.class),
            Node.leaf("images", ImagesCommand.class),
            Node.leaf("pull", PullCommand.class),
            Node.leaf("push", PushCommand.class),
            Node.leaf("login", LoginCommand.class),
            Node.leaf("logout", LogoutCommand.class),
            Node.leaf("create", CreateCommand.class),
            Node.leaf("start", StartCommand.class),
            Node.leaf("stop", StopCommand.class),
            Node.leaf("restart", RestartCommand.class),
            Node.leaf("kill", KillCommand.class),
            Node.leaf("pause", PauseCommand.class),
            Node.leaf("unpause", UnpauseCommand.class),
            Node.leaf("wait", WaitCommand.class),
            Node.leaf("rm", RemoveCommand.class),
            Node.leaf("rename", RenameCommand.class),
            Node.leaf("logs", LogsCommand.class),
            Node.leaf("top", TopCommand.class),
            Node.leaf("stats", StatsCommand.class),
            Node.leaf("inspect", InspectCommand.class),
            Node.leaf("commit", CommitCommand.class),
            Node.leaf("diff", DiffCommand.class),
            Node.leaf("export", ExportCommand.class),
            Node.leaf("cp", CopyCommand.class),
            Node.leaf("history", HistoryCommand.class),
            Node.leaf("load", LoadCommand.class),
            Node.leaf("save", SaveCommand.class),
            Node.leaf("import", ImportCommand.class),
            Node.leaf("tag", TagCommand.class),
            Node.leaf("rmi", RemoveImageCommand.class),
            Node.group("container", ContainerCommand.class,
                    Node.leaf("ls", PsCommand.class),
                    Node.leaf("create", CreateCommand.class),
                    Node.leaf("run", RunCommand.class),
                    Node.leaf("start", StartCommand.class),
                    Node.leaf("stop", StopCommand.class),
                    Node.leaf("restart", RestartCommand.class),
                    Node.leaf("kill", KillCommand.class),
                    Node.leaf("pause", PauseCommand.class),
                    Node.leaf("unpause", UnpauseCommand.class),
                    Node.leaf("wait", WaitCommand.class),
                    Node.leaf("rm", RemoveCommand.class),
                    Node.leaf("rename", RenameCommand.class),
                    Node.leaf("logs", LogsCommand.class),
                    Node.leaf("top", TopCommand.class),
                    Node.leaf("stats", StatsCommand.class),
                    Node.leaf("exec", ExecCommand.class),
                    Node.leaf("commit", CommitCommand.class),
                    Node.leaf("diff", DiffCommand.class),
                    Node.leaf("export", ExportCommand.class),
                    Node.leaf("cp", CopyCommand.class),
                    Node.leaf("prune", ContainerPruneCommand.class),
                    Node.leaf("inspect", InspectCommand.class).withDefault("--type", "container"),
                    Node.leaf("cleanup", CleanupCommand.class)),
            Node.group("image", ImageCommand.class,
                    Node.leaf("ls", ImagesCommand.class),
                    Node.leaf("history", HistoryCommand.class),
                    Node.leaf("inspect", InspectCommand.class).withDefault("--type", "image"),
                    Node.leaf("load", LoadCommand.class),
                    Node.leaf("save", SaveCommand.class),
                    Node.leaf("import", ImportCommand.class),
                    Node.leaf("tag", TagCommand.class),
                    Node.leaf("rm", RemoveImageCommand.class),
                    Node.leaf("prune", ImagePruneCommand.class),
                    Node.leaf("pull", PullCommand.class),
                    Node.leaf("push", PushCommand.class)),
            Node.group("system", SystemCommand.class,
                    Node.leaf("df", SystemDfCommand.class),
                    Node.leaf("info", InfoCommand.class),
                    Node.leaf("prune", SystemPruneCommand.class)),
            Node.leaf("info", InfoCommand.class),
            Node.leaf("version", VersionCommand.class),
            Node.leaf("completion", CompletionCommand.class),
            Node.leaf("internal-warmup", WarmupCommand.class));

    /** Global options that take a value as the next argument. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--config", "--data-root", "--exec-root", "-s",
            "--storage-driver", "--storage-opt", "--plugins-dir");

    private CommandTree() {
    }

    /** The command line for {@code args}: the root and, when the command is known, that command alone. */
    static CommandLine build(String[] args, CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(CommandSpecs.create(BerthCommand.class, factory), factory);
        String requested = commandName(args);
        boolean known = COMMANDS.stream().anyMatch(node -> node.name().equals(requested));
        for (Node node : COMMANDS) {
            if (!known || node.name().equals(requested)) {
                add(root, node, factory);
            }
        }
        return root;
    }

    private static void add(CommandLine parent, Node node, CommandLine.IFactory factory) {
        CommandLine command = new CommandLine(CommandSpecs.create(node.type(), factory), factory);
        if (!node.defaults().isEmpty()) {
            command.setDefaultValueProvider(arg -> arg.isOption()
                    ? node.defaults().get(((CommandLine.Model.OptionSpec) arg).longestName()) : null);
        }
        if (command.getCommand() instanceof StopsAtImage) {
            command.setStopAtPositional(true);
        }
        for (Node child : node.children()) {
            add(command, child, factory);
        }
        parent.addSubcommand(node.name(), command);
    }

    /** The first argument that is neither a global option nor its value; empty when there is none. */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return arg;
            }
            if (GLOBAL_WITH_VALUE.contains(arg)) {
                i++;
            }
        }
        return "";
    }
}
