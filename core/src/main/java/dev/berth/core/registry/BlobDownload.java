package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.image.Descriptor;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One blob downloaded into a file, resumably: what the file already holds (from a dropped connection, or
 * from an earlier berth process) is hashed and the rest asked for with {@code Range}; a registry that
 * ignores the range gets the whole blob again. Every byte goes through the digest on its way to disk, so
 * the blob is verified when the last byte lands; a blob that does not match is deleted and refused, never
 * retried. A connection that delivers nothing for the policy's idle timeout counts as dropped.
 */
final class BlobDownload {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "berth-download-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int ERROR_BODY_LIMIT = 64 << 10;

    private final RegistryHttp http;
    private final List<String> scopes;
    private final URI uri;
    private final Descriptor blob;
    private final Path file;
    private final Progress.Task task;
    private MessageDigest sha256 = Digest.sha256();
    private long received;
    private Optional<Duration> retryAfter = Optional.empty();

    BlobDownload(RegistryHttp http, List<String> scopes, URI uri, Descriptor blob, Path file, Progress.Task task) {
        this.http = http;
        this.scopes = scopes;
        this.uri = uri;
        this.blob = blob;
        this.file = file;
        this.task = task;
    }

    /** Downloads the blob into the file; on return the file holds exactly the blob. */
    void run() throws BerthException {
        try {
            resumeFromFile();
            if (blob.size() == 0) {
                Files.write(file, new byte[0]);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot use the download file " + file + ": " + e.getMessage(), e);
        }
        task.phase("Downloading", blob.size());
        task.advance(received);
        // Tries count from the last progress: a connection that keeps dropping but keeps delivering finishes.
        for (int attempt = 1; received < blob.size(); attempt++) {
            long before = received;
            String problem;
            try {
                problem = attempt();
            } catch (FileSink.OverflowException e) {
                discard();
                throw new InvalidInputException("blob " + blob.digest() + " from " + http.endpoint().domain()
                        + " is larger than the " + blob.size() + " bytes its descriptor gives; nothing was stored");
            } catch (IOException e) {
                problem = RegistryHttp.reason(e);
            }
            if (received >= blob.size()) {
                break;
            }
            if (received > before) {
                attempt = 0;
            } else if (!http.retry().allowsAnother(attempt)) {
                throw new EngineFailureException("the download of blob " + blob.digest() + " from "
                        + http.endpoint().domain() + " failed " + attempt + " times (last: " + problem
                        + "); run the pull again to resume it");
            }
            http.pause(Math.max(attempt, 1), retryAfter);
        }
        Digest actual = Digest.of(sha256);
        if (!actual.equals(blob.digest())) {
            discard();
            throw new InvalidInputException("blob " + blob.digest() + " from " + http.endpoint().domain()
                    + " does not match its digest (the content hashes to " + actual
                    + "): the registry sent damaged data; nothing was stored");
        }
    }

    /**
     * One request for the rest of the blob. Returns what went wrong when the blob is still incomplete (the
     * caller retries), throws what is not worth retrying.
     */
    private String attempt() throws IOException, BerthException {
        retryAfter = Optional.empty();
        long from = received;
        Map<String, String> headers = from > 0 ? Map.of("Range", "bytes=" + from + "-") : Map.of();
        Receiver receiver = new Receiver(from);
        try {
            HttpResponse<Object> response = http.exchange(RegistryHttp.Request.get(uri, headers), scopes, receiver);
            int status = response.statusCode();
            if (receiver.sink != null) {
                return "the connection closed before the end of the blob";
            }
            if (status == 416 || status == 206) {
                truncate(); // The range was refused or answered with another one: the whole blob again.
                return "the registry did not resume at byte " + from;
            }
            byte[] body = response.body() instanceof byte[] ? (byte[]) response.body() : new byte[0];
            if (RegistryHttp.isRetryable(status)) {
                retryAfter = RegistryHttp.retryAfter(response.headers());
                return RegistryErrors.status(status).strip() + ": " + RegistryErrors.describe(status, body);
            }
            throw failure(status, body);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof FileSink.OverflowException) {
                    throw (FileSink.OverflowException) cause;
                }
            }
            throw e;
        } finally {
            receiver.close();
        }
    }

    /** Chooses, once the status is known, where the body goes: the file, or memory for an error. */
    private final class Receiver implements HttpResponse.BodyHandler<Object> {
        private final long from;
        private FileChannel channel;
        private FileSink sink;
        private ScheduledFuture<?> watch;

        Receiver(long from) {
            this.from = from;
        }

        @Override
        public HttpResponse.BodySubscriber<Object> apply(HttpResponse.ResponseInfo info) {
            long start = start(info.statusCode(), info.headers(), from);
            if (start < 0) {
                return HttpResponse.BodySubscribers.mapping(new LimitedBody(ERROR_BODY_LIMIT), body -> body);
            }
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (start == 0 && from > 0) {
                    // The registry sends the whole blob: start over.
                    channel.truncate(0);
                    sha256 = Digest.sha256();
                    received = 0;
                    task.phase("Downloading", blob.size());
                }
                channel.position(start);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sink = new FileSink(channel, sha256, blob.size() - received, bytes -> {
                received += bytes;
                task.advance(bytes);
            });
            long idle = http.retry().idleTimeout().toNanos();
            long period = Math.max(10, Math.min(1000, http.retry().idleTimeout().toMillis() / 4));
            FileSink watched = sink;
            watch = WATCHDOG.scheduleAtFixedRate(() -> {
                if (watched.idleNanos() > idle) {
                    watched.abort(new IOException("no data for " + http.retry().idleTimeout().toSeconds() + " s"));
                }
            }, period, period, TimeUnit.MILLISECONDS);
            return sink;
        }

        void close() throws IOException {
            if (watch != null) {
                watch.cancel(false);
            }
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** Where a successful response's body starts in the blob, or -1 for a response without the blob. */
    private long start(int status, HttpHeaders headers, long from) {
        if (status == 200) {
            return 0;
        }
        if (status == 206) {
            Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
            if (range.matches() && Long.parseLong(range.group(1)) == from) {
                return from;
            }
        }
        return -1;
    }

    private BerthException failure(int status, byte[] body) {
        String reason = RegistryErrors.describe(status, body);
        if (status == 404) {
            return new dev.berth.core.NotFoundException("blob " + blob.digest() + " is not on "
                    + http.endpoint().domain() + ": " + reason);
        }
        if (status == 401 || status == 403) {
            return new InvalidInputException("the download of blob " + blob.digest() + " from "
                    + http.endpoint().domain() + " was refused: " + reason);
        }
        return new EngineFailureException("the download of blob " + blob.digest() + " from "
                + http.endpoint().domain() + " failed: " + reason);
    }

    /** Continues from what the file holds; a file longer than the blob cannot be part of it. */
    private void resumeFromFile() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        if (Files.size(file) > blob.size()) {
            truncate();
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                received += n;
            }
        }
    }

    private void truncate() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        sha256 = Digest.sha256();
        received = 0;
    }

    private void discard() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The file is a download in scratch space; the next pull truncates it anyway.
        }
    }
}
