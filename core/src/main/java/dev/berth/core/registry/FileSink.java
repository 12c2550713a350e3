package dev.berth.core.registry;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A response body written to a file as it arrives, through a digest, one batch of buffers at a time (the
 * next is requested only once the last is on its way to disk, so memory stays flat whatever the size).
 * It can be aborted from another thread, which drops the connection: that is how a download that stalls is
 * given up and resumed.
 */
final class FileSink implements HttpResponse.BodySubscriber<Object> {

    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final FileChannel channel;
    private final MessageDigest digest;
    private final long limit;
    private final LongConsumer received;
    private volatile Flow.Subscription subscription;
    private volatile long lastActivity = System.nanoTime();
    private long written;

    /**
     * @param limit    the most bytes the body may have; more fails with {@link OverflowException}
     * @param received told of each batch written
     */
    FileSink(FileChannel channel, MessageDigest digest, long limit, LongConsumer received) {
        this.channel = channel;
        this.digest = digest;
        this.limit = limit;
        this.received = received;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    /**
     * Synchronized with {@link #abort}: once an abort returns, no batch is being written or will be, so the
     * digest and the count belong to whoever tries next.
     */
    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        lastActivity = System.nanoTime();
        try {
            long batch = 0;
            for (ByteBuffer buffer : buffers) {
                batch += buffer.remaining();
            }
            if (written + batch > limit) {
                abort(new OverflowException(limit));
                return;
            }
            for (ByteBuffer buffer : buffers) {
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            written += batch;
            received.accept(batch);
        } catch (IOException e) {
            abort(e);
            return;
        }
        if (!result.isDone()) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(written);
    }

    @Override
    public CompletionStage<Object> getBody() {
        return result;
    }

    /** Nanoseconds since bytes last arrived. */
    long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    boolean isDone() {
        return result.isDone();
    }

    /** Gives up the body: the connection is dropped and the exchange fails with {@code reason}. */
    synchronized void abort(IOException reason) {
        if (result.completeExceptionally(reason) && subscription != null) {
            subscription.cancel();
        }
    }

    /** More bytes than the descriptor allows. */
    static final class OverflowException extends IOException {
        private static final long serialVersionUID = 1L;

        OverflowException(long limit) {
            super("the blob is larger than the " + limit + " bytes its descriptor gives");
        }
    }
}
