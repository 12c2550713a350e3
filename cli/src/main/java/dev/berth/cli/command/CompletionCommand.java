package dev.berth.cli.command;

import dev.berth.cli.Streams;
import dev.berth.core.InvalidInputException;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth completion bash}: prints a bash completion script generated from the command tree itself,
 * so it never falls behind the commands. The install step writes it where bash-completion finds it.
 */
@Command(name = "completion", description = "Generate the autocompletion script for the specified shell")
public final class CompletionCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SHELL", description = "The shell: bash (zsh reads it too, with bashcompinit)")
    String shell;

    @Spec
    CommandSpec spec;

    private final Streams streams;

    @Inject
    CompletionCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws InvalidInputException {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new InvalidInputException("unsupported shell \"" + shell + "\": use bash or zsh");
        }
        streams.out().print(AutoComplete.bash("berth", spec.root().commandLine()));
        return 0;
    }
}
