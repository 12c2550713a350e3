package dev.berth.core.container;

import dev.berth.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root as the container would, following its symlinks but never out of
 * its root: an absolute symlink restarts from the root, {@code ..} stops at the root (Docker's
 * {@code FollowSymlinkInScope}). What {@code cp} reads or writes therefore stays inside the container, whatever
 * links the container's files hold.
 */
final class RootPaths {

    private static final int MAX_LINKS = 255;

    private RootPaths() {
    }

    /** The host path of {@code path} inside {@code root}; the last component is not followed if a symlink. */
    static Path resolve(Path root, String path) throws InvalidInputException, IOException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, path);
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            Path candidate = join(root, resolved).resolve(part);
            if (!pending.isEmpty() && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new InvalidInputException("too many levels of symbolic links in " + path);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                push(pending, target);
                continue;
            }
            resolved.addLast(part);
        }
        return join(root, resolved);
    }

    /** Whether {@code path} exists, not following a final symlink. */
    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path path = root;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }
}
