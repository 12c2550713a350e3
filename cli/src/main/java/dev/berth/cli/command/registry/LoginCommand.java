package dev.berth.cli.command.registry;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.registry.AuthFile;
import dev.berth.core.registry.Credentials;
import dev.berth.core.registry.Registries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth login}: checks credentials against a registry, then stores them (see {@link AuthFile} for
 * where) for pull and push to use.
 */
@Command(name = "login", description = {"Authenticate to a registry", "Defaults to Docker Hub if no server is specified."})
public final class LoginCommand implements Callable<Integer> {

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password or Personal Access Token (PAT)")
    String password;

    @Option(names = "--password-stdin", description = "Take the Password or Personal Access Token (PAT) from stdin")
    boolean passwordStdin;

    @Parameters(arity = "0..1", paramLabel = "SERVER", description = "The registry (Docker Hub when omitted)")
    String server;

    private final Streams streams;
    private final Provider<Registries> registries;

    @Inject
    LoginCommand(Streams streams, Provider<Registries> registries) {
        this.streams = streams;
        this.registries = registries;
    }

    @Override
    public Integer call() throws BerthException {
        String registry = AuthFile.registryOf(server == null ? "docker.io" : server);
        Credentials credentials = credentials();
        registries.get().verify(registry, credentials);
        AuthFile file = registries.get().authFile();
        file.store(registry, credentials);
        streams.err().println("WARNING! Your credentials are stored unencrypted in '" + file.path() + "'.");
        streams.out().println("Login Succeeded");
        return 0;
    }

    private Credentials credentials() throws BerthException {
        if (password != null && passwordStdin) {
            throw new InvalidInputException("--password and --password-stdin are mutually exclusive");
        }
        if (passwordStdin) {
            if (username == null || username.isEmpty()) {
                throw new InvalidInputException("Must provide --username with --password-stdin");
            }
            try {
                String read = new String(streams.in().readAllBytes(), StandardCharsets.UTF_8);
                return new Credentials(username, read.replaceAll("[\r\n]+$", ""));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the password from standard input: " + e.getMessage(), e);
            }
        }
        if (password != null) {
            streams.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (username != null && !username.isEmpty() && password != null) {
            return new Credentials(username, password);
        }
        Console console = System.console();
        if (!streams.inIsTerminal() || console == null) {
            throw new InvalidInputException("Cannot perform an interactive login from a non TTY device");
        }
        String user = username != null && !username.isEmpty() ? username : console.readLine("Username: ");
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("Username is required");
        }
        String secret = password != null ? password : new String(console.readPassword("Password: "));
        if (secret.isEmpty()) {
            throw new InvalidInputException("Password is required");
        }
        return new Credentials(user.strip(), secret);
    }
}
