package dev.berth.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * A resource limit of the container's processes ({@code setrlimit(2)}).
 *
 * @param type the resource
 * @param soft the soft limit, {@link #UNLIMITED} for none
 * @param hard the hard limit, {@link #UNLIMITED} for none; not below the soft limit
 */
public record Rlimit(Type type, long soft, long hard) {

    public static final long UNLIMITED = -1;

    public Rlimit {
        Objects.requireNonNull(type, "type");
        if (soft < UNLIMITED || hard < UNLIMITED) {
            throw new IllegalArgumentException("a limit is a number >= 0, or unlimited");
        }
        if (hard != UNLIMITED && (soft == UNLIMITED || soft > hard)) {
            throw new IllegalArgumentException("the soft limit of " + type.dockerName() + " (" + soft
                    + ") is above its hard limit (" + hard + ")");
        }
    }

    /**
     * Parses Docker's {@code --ulimit} syntax: {@code nofile=1024:2048}, {@code nproc=512} (soft = hard),
     * {@code -1} for unlimited.
     */
    public static Rlimit parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("invalid ulimit argument: " + text + " (expected NAME=SOFT[:HARD])");
        }
        Type type = Type.parse(text.substring(0, equals));
        String[] values = text.substring(equals + 1).split(":", -1);
        if (values.length > 2) {
            throw new IllegalArgumentException("too many limit value arguments - " + text
                    + ", can only have up to two, `soft[:hard]`");
        }
        try {
            long soft = Long.parseLong(values[0]);
            long hard = values.length == 2 ? Long.parseLong(values[1]) : soft;
            return new Rlimit(type, soft, hard);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid ulimit value in " + text + ": not a number", e);
        }
    }

    /** The resources, in the kernel's numbering ({@code ordinal()} is {@code RLIMIT_*}); do not reorder. */
    public enum Type {
        CPU, FSIZE, DATA, STACK, CORE, RSS, NPROC, NOFILE, MEMLOCK, AS, LOCKS, SIGPENDING, MSGQUEUE, NICE,
        RTPRIO, RTTIME;

        /** The kernel's {@code RLIMIT_*} number. */
        public int number() {
            return ordinal();
        }

        /** The name Docker's {@code --ulimit} uses, e.g. {@code nofile}. */
        public String dockerName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String name) {
            for (Type type : values()) {
                if (type.dockerName().equals(name)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("invalid ulimit type: " + name);
        }
    }
}
