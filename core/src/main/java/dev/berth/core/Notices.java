package dev.berth.core;

/**
 * Where core tells the user something that is not a failure (a fallback taken, a plugin skipped). The
 * command line prints each notice as one line on standard error.
 */
@FunctionalInterface
public interface Notices {

    void notice(String line);
}
