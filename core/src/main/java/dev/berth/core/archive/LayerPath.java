package dev.berth.core.archive;

import dev.berth.core.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes a tar entry's name a path relative to the layer's root, the way Docker does ({@code filepath.Clean}
 * then join onto the root): a leading {@code /} is dropped, so {@code /etc/passwd} means the layer's
 * {@code etc/passwd}; {@code .} and empty components go; {@code ..} goes up, and a {@code ..} that would
 * leave the layer is refused.
 */
public final class LayerPath {

    private LayerPath() {
    }

    /**
     * The normalized relative path ({@code ""} for the root).
     *
     * @param what how to name the value in an error, e.g. {@code entry "x"} or {@code hard link target}
     */
    public static String normalize(String name, String what) throws InvalidInputException {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidInputException("refusing the archive: " + what
                            + " would land outside the layer (it climbs above the root with \"..\")");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** The parent of a normalized path ({@code ""} for a top-level name). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last component of a normalized path. */
    public static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Joins a normalized directory and a child name. */
    public static String child(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
