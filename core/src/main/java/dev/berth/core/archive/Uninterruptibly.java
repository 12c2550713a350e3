package dev.berth.core.archive;

import java.util.concurrent.BlockingQueue;

/**
 * Waits that an interruption must not cut short: an extraction's helper threads must be done with their
 * files and streams before the caller goes on. An interruption is kept for the caller to see afterwards.
 */
final class Uninterruptibly {

    private Uninterruptibly() {
    }

    static <T> void put(BlockingQueue<T> queue, T element) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(element);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
