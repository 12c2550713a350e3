package dev.berth.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mount, described rather than performed, the way containerd's snapshotters describe them.
 *
 * <p>A storage driver returns a list of these for a layer; whoever needs the tree (core's mounter on the
 * host, or the runtime inside a container's mount namespace) performs them. Options use mount(8) syntax:
 * flags such as {@code ro}, {@code nodev} or {@code rbind} are turned into mount flags, everything else is
 * passed to the file system as data ({@code lowerdir=...}).
 *
 * @param type             file system type, e.g. {@code overlay}, or {@code bind} for a bind mount
 * @param source           the source: a directory for {@code bind}, a label such as {@code overlay} otherwise
 * @param options          mount(8) style options, in order
 * @param workingDirectory when present, relative paths in {@code source} and {@code options} are relative
 *                         to this directory: the mount must be performed with it as current directory.
 *                         This keeps overlay's lowerdir list within the one page that mount(2) accepts.
 */
public record MountSpec(String type, String source, List<String> options, Optional<Path> workingDirectory) {

    public MountSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        options = List.copyOf(options);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** A recursive bind mount of a host directory. */
    public static MountSpec bind(Path directory, boolean readOnly) {
        return new MountSpec("bind", directory.toString(),
                readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw"), Optional.empty());
    }

    /** The options joined as mount(8) prints them. */
    public String joinedOptions() {
        return String.join(",", options);
    }
}
