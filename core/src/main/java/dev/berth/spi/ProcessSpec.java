package dev.berth.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A process to run in a container: its main process, or one that {@code exec} adds.
 *
 * @param args             the command and its arguments; {@code args[0]} is looked up in the PATH of {@code env}
 * @param env              the environment, {@code NAME=value} entries; HOME is added from the user's passwd
 *                         entry when missing
 * @param workingDir       the absolute working directory inside the container
 * @param user             who runs it, resolved inside the container as Docker does: empty for root, a uid or a
 *                         name from the container's /etc/passwd, optionally {@code :gid} or {@code :group}
 * @param additionalGroups gids added to the user's groups from the container's /etc/group
 * @param terminal         whether the process gets a pty (its stdout and stderr are then one stream)
 * @param openStdin        whether stdin stays open for attached clients; otherwise it reads /dev/null
 * @param consoleSize      the terminal's initial size, when {@code terminal}
 * @param capabilities     the capability sets
 * @param noNewPrivileges  whether execve may never grant privileges (setuid bits, file capabilities)
 * @param rlimits          resource limits; the others are inherited from berth
 */
public record ProcessSpec(List<String> args, List<String> env, String workingDir, String user,
                          List<Integer> additionalGroups, boolean terminal, boolean openStdin,
                          Optional<ConsoleSize> consoleSize, Capabilities capabilities, boolean noNewPrivileges,
                          List<Rlimit> rlimits) {

    public ProcessSpec {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a process needs a command");
        }
        env = List.copyOf(env);
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("an environment entry is NAME=value, not \"" + entry + "\"");
            }
        }
        Objects.requireNonNull(workingDir, "workingDir");
        if (!workingDir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be absolute, not \"" + workingDir + "\"");
        }
        Objects.requireNonNull(user, "user");
        additionalGroups = List.copyOf(additionalGroups);
        Objects.requireNonNull(consoleSize, "consoleSize");
        Objects.requireNonNull(capabilities, "capabilities");
        rlimits = List.copyOf(rlimits);
        for (String s : args) {
            requireNoNul(s);
        }
        env.forEach(ProcessSpec::requireNoNul);
        requireNoNul(workingDir);
        requireNoNul(user);
    }

    /** Runs as root, without a terminal, stdin or capabilities. */
    public static ProcessSpec of(List<String> args, List<String> env, String workingDir) {
        return new ProcessSpec(args, env, workingDir, "", List.of(), false, false, Optional.empty(),
                Capabilities.none(), false, List.of());
    }

    public ProcessSpec withUser(String newUser, List<Integer> groups) {
        return new ProcessSpec(args, env, workingDir, newUser, groups, terminal, openStdin, consoleSize,
                capabilities, noNewPrivileges, rlimits);
    }

    public ProcessSpec withStdio(boolean newTerminal, boolean newOpenStdin, Optional<ConsoleSize> size) {
        return new ProcessSpec(args, env, workingDir, user, additionalGroups, newTerminal, newOpenStdin, size,
                capabilities, noNewPrivileges, rlimits);
    }

    public ProcessSpec withCapabilities(Capabilities newCapabilities) {
        return new ProcessSpec(args, env, workingDir, user, additionalGroups, terminal, openStdin, consoleSize,
                newCapabilities, noNewPrivileges, rlimits);
    }

    public ProcessSpec withNoNewPrivileges(boolean value) {
        return new ProcessSpec(args, env, workingDir, user, additionalGroups, terminal, openStdin, consoleSize,
                capabilities, value, rlimits);
    }

    public ProcessSpec withRlimits(List<Rlimit> newRlimits) {
        return new ProcessSpec(args, env, workingDir, user, additionalGroups, terminal, openStdin, consoleSize,
                capabilities, noNewPrivileges, newRlimits);
    }

    public ProcessSpec withArgs(List<String> newArgs) {
        return new ProcessSpec(newArgs, env, workingDir, user, additionalGroups, terminal, openStdin, consoleSize,
                capabilities, noNewPrivileges, rlimits);
    }

    /** NUL ends a C string: such a value could not reach the process intact. */
    static void requireNoNul(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a value contains a NUL character: \"" + value.replace('\0', '?') + "\"");
        }
    }
}
