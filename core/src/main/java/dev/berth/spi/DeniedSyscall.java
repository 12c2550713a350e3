package dev.berth.spi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A system call the container's processes may not make (a seccomp filter rule): it fails with {@code errno}
 * instead. With {@code flagsArgument}, only calls whose argument of that index has a bit of {@code flagsMask}
 * set are refused, e.g. {@code unshare} with {@code CLONE_NEWUSER}.
 *
 * @param name          the system call's name, e.g. {@code keyctl}; the runtime knows its number per architecture
 * @param errno         what the call fails with, e.g. 1 (EPERM)
 * @param flagsArgument the index (0 to 5) of the argument to test, if only some calls are refused
 * @param flagsMask     the bits of that argument that make a call refused; within the low 32 bits
 */
public record DeniedSyscall(String name, int errno, OptionalInt flagsArgument, long flagsMask) {

    public static final int EPERM = 1;
    public static final int ENOSYS = 38;

    public DeniedSyscall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flagsArgument, "flagsArgument");
        if (errno < 1 || errno > 4095) {
            throw new IllegalArgumentException("an errno is 1 to 4095, not " + errno);
        }
        if (flagsArgument.isPresent() && (flagsArgument.getAsInt() < 0 || flagsArgument.getAsInt() > 5
                || flagsMask == 0 || (flagsMask & ~0xffffffffL) != 0)) {
            throw new IllegalArgumentException("a flags rule tests argument 0 to 5 with a non-empty 32-bit mask");
        }
    }

    /** Every call of {@code name} fails with {@code errno}. */
    public static DeniedSyscall always(String name, int errno) {
        return new DeniedSyscall(name, errno, OptionalInt.empty(), 0);
    }

    /** Calls of {@code name} whose argument {@code argument} has a bit of {@code mask} set fail with EPERM. */
    public static DeniedSyscall withFlags(String name, int argument, long mask) {
        return new DeniedSyscall(name, EPERM, OptionalInt.of(argument), mask);
    }
}
