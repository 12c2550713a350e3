package dev.berth.spi;

import java.util.List;
import java.util.Objects;

/**
 * A process to run in a container.
 *
 * @param args       the command and its arguments; {@code args[0]} is looked up in the container's PATH
 * @param env        the environment, {@code NAME=value} entries
 * @param workingDir the absolute working directory inside the container
 */
public record ProcessSpec(List<String> args, List<String> env, String workingDir) {

    public ProcessSpec {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a process needs a command");
        }
        env = List.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
    }
}
