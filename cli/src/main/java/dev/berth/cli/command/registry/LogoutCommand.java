package dev.berth.cli.command.registry;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.registry.AuthFile;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth logout}: forgets the credentials stored for a registry. */
@Command(name = "logout", description = {"Log out from a registry", "If no server is specified, the default is Docker Hub."})
public final class LogoutCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SERVER", description = "The registry (Docker Hub when omitted)")
    String server;

    private final Streams streams;
    private final Provider<AuthFile> authFile;

    @Inject
    LogoutCommand(Streams streams, Provider<AuthFile> authFile) {
        this.streams = streams;
        this.authFile = authFile;
    }

    @Override
    public Integer call() throws BerthException {
        String registry = AuthFile.registryOf(server == null ? "docker.io" : server);
        String shown = AuthFile.keyOf(registry);
        if (authFile.get().remove(registry)) {
            streams.out().println("Removing login credentials for " + shown);
        } else {
            streams.out().println("Not logged in to " + shown);
        }
        return 0;
    }
}
