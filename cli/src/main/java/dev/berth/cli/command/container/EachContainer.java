package dev.berth.cli.command.container;

import dev.berth.cli.ExitCodes;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import java.util.List;

/**
 * Docker's way with several containers in one command ({@code stop a b c}): each is tried, its name echoed
 * when it worked, its error printed when not, and the command fails at the end if any failed.
 */
final class EachContainer {

    /** What is done to one container. */
    @FunctionalInterface
    interface Action {
        void apply(String nameOrId) throws BerthException;
    }

    private EachContainer() {
    }

    static int apply(Streams streams, List<String> names, Action action) {
        int code = ExitCodes.OK;
        for (String name : names) {
            try {
                action.apply(name);
                streams.out().println(name);
            } catch (BerthException e) {
                streams.err().println("Error: " + e.getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        return code;
    }
}
