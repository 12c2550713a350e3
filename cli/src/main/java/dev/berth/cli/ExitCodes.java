package dev.berth.cli;

/** Docker's exit codes (ARCHITECTURE.md has the table). */
public final class ExitCodes {

    public static final int OK = 0;
    /** Any failure of a command other than run: unknown command, missing argument, no such object. */
    public static final int FAILURE = 1;
    /** An unknown flag or a bad flag value; run's own failures. */
    public static final int USAGE_OR_ENGINE = 125;
    /** The container's command cannot be executed. */
    public static final int CANNOT_EXECUTE = 126;
    /** The container's command is not found. */
    public static final int NOT_FOUND = 127;

    private ExitCodes() {
    }
}
