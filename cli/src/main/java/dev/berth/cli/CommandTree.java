package dev.berth.cli;

import dev.berth.cli.command.BerthCommand;
import dev.berth.cli.command.CompletionCommand;
import dev.berth.cli.command.InfoCommand;
import dev.berth.cli.command.VersionCommand;
import dev.berth.cli.command.image.ImageCommand;
import dev.berth.cli.command.image.ImagePruneCommand;
import dev.berth.cli.command.image.ImportCommand;
import dev.berth.cli.command.image.LoadCommand;
import dev.berth.cli.command.image.PullCommand;
import dev.berth.cli.command.image.PushCommand;
import dev.berth.cli.command.image.RemoveImageCommand;
import dev.berth.cli.command.image.SaveCommand;
import dev.berth.cli.command.image.TagCommand;
import dev.berth.cli.command.registry.LoginCommand;
import dev.berth.cli.command.registry.LogoutCommand;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * Every command of {@code berth}, by name, as Docker names them (with its groups such as {@code image ls}).
 * Only the command a user runs is given to picocli, so that start-up does not pay for building the model of
 * the forty others; help and errors get the whole tree.
 */
final class CommandTree {

    /** A command: its name, its class, and its subcommands if it is a group. */
    record Node(String name, Class<?> type, List<Node> children) {
        static Node leaf(String name, Class<?> type) {
            return new Node(name, type, List.of());
        }

        static Node group(String name, Class<?> type, Node... children) {
            return new Node(name, type, List.of(children));
        }
    }

    /** In the order {@code berth --help} lists them. */
    static final List<Node> COMMANDS = List.of(
            Node.leaf("pull", PullCommand.class),
            Node.leaf("push", PushCommand.class),
            Node.leaf("load", LoadCommand.class),
            Node.leaf("save", SaveCommand.class),
            Node.leaf("import", ImportCommand.class),
            Node.leaf("tag", TagCommand.class),
            Node.leaf("rmi", RemoveImageCommand.class),
            Node.leaf("login", LoginCommand.class),
            Node.leaf("logout", LogoutCommand.class),
            Node.group("image", ImageCommand.class,
                    Node.leaf("pull", PullCommand.class),
                    Node.leaf("push", PushCommand.class),
                    Node.leaf("load", LoadCommand.class),
                    Node.leaf("save", SaveCommand.class),
                    Node.leaf("import", ImportCommand.class),
                    Node.leaf("tag", TagCommand.class),
                    Node.leaf("rm", RemoveImageCommand.class),
                    Node.leaf("prune", ImagePruneCommand.class)),
            Node.leaf("info", InfoCommand.class),
            Node.leaf("version", VersionCommand.class),
            Node.leaf("completion", CompletionCommand.class));

    /** Global options that take a value as the next argument. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--config", "--data-root", "--exec-root", "-s",
            "--storage-driver", "--storage-opt", "--plugins-dir");

    private CommandTree() {
    }

    /** The command line for {@code args}: the root and, when the command is known, that command alone. */
    static CommandLine build(String[] args, CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(BerthCommand.class, factory);
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
        CommandLine command = new CommandLine(node.type(), factory);
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
