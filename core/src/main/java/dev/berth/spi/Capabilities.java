package dev.berth.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The five capability sets of a process, as the OCI runtime spec has them.
 *
 * @param bounding    the limit of what the process and its children can ever gain
 * @param effective   what the kernel checks
 * @param permitted   what the process may make effective
 * @param inheritable what survives an execve of a file with inheritable file capabilities
 * @param ambient     what survives an execve of an ordinary file; must be permitted and inheritable
 */
public record Capabilities(Set<Capability> bounding, Set<Capability> effective, Set<Capability> permitted,
                           Set<Capability> inheritable, Set<Capability> ambient) {

    public Capabilities {
        bounding = Set.copyOf(bounding);
        effective = Set.copyOf(effective);
        permitted = Set.copyOf(permitted);
        inheritable = Set.copyOf(inheritable);
        ambient = Set.copyOf(ambient);
        if (!permitted.containsAll(effective)) {
            throw new IllegalArgumentException("effective capabilities must be permitted");
        }
        if (!permitted.containsAll(ambient) || !inheritable.containsAll(ambient)) {
            throw new IllegalArgumentException("ambient capabilities must be permitted and inheritable");
        }
    }

    /** Bounding, effective and permitted are {@code capabilities}; nothing is inherited (Docker's way). */
    public static Capabilities of(Set<Capability> capabilities) {
        return new Capabilities(capabilities, capabilities, capabilities, Set.of(), Set.of());
    }

    /** No capability at all. */
    public static Capabilities none() {
        return of(EnumSet.noneOf(Capability.class));
    }

    /** Bounded by {@code capabilities}, but with none effective or permitted: a non-root user's process. */
    public static Capabilities boundedBy(Set<Capability> capabilities) {
        return new Capabilities(capabilities, Set.of(), Set.of(), Set.of(), Set.of());
    }
}
