package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The worker threads of a pull or push, and their results with the domain errors they failed with. */
final class Parallel {

    private Parallel() {
    }

    /** {@code threads} daemon threads: a berth process that fails never waits for its workers. */
    static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Stops the workers of a failed pull or push and waits a little for them, so that none goes on writing
     * after the command has failed (they stop at their next interruptible step).
     */
    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result of {@code work}, or the error it failed with. */
    static <T> T await(Future<T> work, String what) throws BerthException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BerthException) {
                throw (BerthException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new EngineFailureException(what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException(what + " was interrupted", e);
        } catch (CancellationException e) {
            throw new EngineFailureException(what + " was interrupted", e);
        }
    }
}
