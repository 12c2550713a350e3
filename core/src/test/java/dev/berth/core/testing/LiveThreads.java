package dev.berth.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Counts a process's live threads, for tests that check that something stopped its threads. */
public final class LiveThreads {

    private LiveThreads() {
    }

    /**
     * The live threads that {@code which} picks, once none is left or {@code patience} has passed. A thread
     * that has left its loop may still show as alive for a moment on a loaded machine; one that was never
     * stopped stays for good, and is counted.
     */
    public static long settled(Predicate<Thread> which, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long left = count(which);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = count(which);
        }
        return left;
    }

    private static long count(Predicate<Thread> which) {
        List<Thread> threads = List.copyOf(Thread.getAllStackTraces().keySet());
        return threads.stream().filter(thread -> thread.isAlive() && which.test(thread)).count();
    }
}
