package dev.berth.cli.command.container;

import dev.berth.cli.AttachedSession;
import dev.berth.cli.ExitCodes;
import dev.berth.cli.OwnFailureExitCode;
import dev.berth.cli.StopsAtImage;
import dev.berth.cli.Streams;
import dev.berth.cli.TerminalMode;
import dev.berth.core.BerthException;
import dev.berth.core.container.CommandFailedException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.spi.Attachment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth exec}: a command in a running container; exits with its exit code (126/127 as Docker). */
@Command(name = "exec", description = "Execute a command in a running container")
public final class ExecCommand implements Callable<Integer>, StopsAtImage, OwnFailureExitCode {

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "VAR", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user = "";

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir = "";

    @Option(names = "--privileged", description = "Give extended privileges to the command")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments")
    List<String> command;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    ExecCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public int ownFailureExitCode() {
        return ExitCodes.FAILURE;
    }

    @Override
    public Integer call() throws BerthException, IOException {
        Container container = engine.get().resolve(name);
        ContainerEngine.Exec exec;
        try {
            exec = engine.get().exec(container, new ContainerEngine.ExecRequest(command, env, workdir, user, tty,
                    interactive, detach, privileged), TerminalMode.size(tty && streams.inIsTerminal()));
        } catch (CommandFailedException e) {
            streams.err().println("Error: " + e.getMessage());
            return e.exitCode();
        }
        if (exec.attachment().isEmpty()) {
            return 0;
        }
        try (Attachment attachment = exec.attachment().get()) {
            OptionalInt code = AttachedSession.run(attachment, streams, interactive, tty);
            return code.orElse(engine.get().execExitCode(container, exec.id()).orElse(0));
        }
    }
}
