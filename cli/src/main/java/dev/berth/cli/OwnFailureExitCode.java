package dev.berth.cli;

/**
 * A command whose own failures exit with a code other than 1, as {@code docker run} exits 125 so that its
 * failures can be told apart from the container's exit code.
 */
public interface OwnFailureExitCode {

    int ownFailureExitCode();
}
