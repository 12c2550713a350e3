package dev.berth.core.inject;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What the objects of one command hold open beyond it (threads of HTTP clients), closed when the command is
 * done, last opened first. It matters for the exit: the JVM waits up to 300 ms for any thread still blocked in
 * native code, such as an HTTP client's selector waiting in {@code epoll_wait}, before it ends the process.
 */
@Singleton
public final class OpenResources {

    private final Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();

    @Inject
    OpenResources() {
    }

    /** Keeps {@code resource} to be closed by {@link #closeAll()}; returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    /**
     * Closes everything added. A failure to close is not the command's failure: it is suppressed, and the
     * remaining resources are still closed.
     */
    public void closeAll() {
        for (AutoCloseable resource = open.poll(); resource != null; resource = open.poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                // Nothing of the command's result depends on it, and the process is ending.
            }
        }
    }
}
