package dev.berth.core.container;

import java.util.List;

/**
 * The command a container's runtime runs on the host after the container exits, when no berth process may be
 * there to react: it calls back into berth ({@code container cleanup ID}) to apply {@code --rm} and restart
 * policies, since no daemon watches containers. The front end knows how to start itself, so it provides this.
 */
@FunctionalInterface
public interface ExitCommand {

    /** The command line, absolute executable first. */
    List<String> forContainer(ContainerId id);
}
