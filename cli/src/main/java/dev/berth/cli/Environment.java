package dev.berth.cli;

import java.util.Map;

/**
 * The process environment, passed in so that tests can run the command line with an environment of their own.
 *
 * @param variables the environment variables
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }
}
