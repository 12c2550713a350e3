package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.Progress;
import dev.berth.core.ProgressStreams;
import dev.berth.core.image.Descriptor;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.Manifest;
import dev.berth.core.image.MediaTypes;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPOutputStream;

/**
 * The OCI distribution API on one repository of one registry: manifests, blobs, uploads and mounts, with
 * the authorization of the scopes it was made for. The errors it throws say what failed in the registry's
 * own words ({@code manifest unknown}, {@code denied: ...}) and what the user can do.
 */
public final class RegistryClient {

    /** What {@code Accept} offers: indexes and manifests, OCI and Docker schema 2 (never schema 1). */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final long ERROR_LIMIT = 64 << 10;
    /** Chunks of 64 KB waiting between the compressor and the network. */
    private static final int PIPE_CHUNKS = 16;

    private final RegistryHttp http;
    private final ImageReference repository;
    private final List<String> scopes;

    RegistryClient(RegistryHttp http, ImageReference repository, List<String> scopes) {
        this.http = http;
        this.repository = repository.repository();
        this.scopes = List.copyOf(scopes);
    }

    /** Writes a blob's uncompressed content (a layer's original tar) to a stream it leaves open. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws BerthException;
    }

    public RegistryEndpoint endpoint() {
        return http.endpoint();
    }

    /** The repository this client works on ({@code docker.io/library/busybox}). */
    public ImageReference repository() {
        return repository;
    }

    /**
     * {@code GET /v2/}: the registry is there, speaks the API, and lets this client in (which makes it name
     * its authorization scheme and, for tokens, gives the token for this client's scopes).
     */
    public void ping() throws BerthException {
        http.ping(scopes);
    }

    /**
     * The manifest or index {@code reference} (a tag, or a digest whose bytes are verified), at most
     * {@link MediaTypes#MAX_MANIFEST_BYTES}.
     */
    public ManifestDocument manifest(String reference) throws BerthException {
        String shown = repository.familiarName() + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        HttpResponse<byte[]> response;
        try {
            response = http.call(RegistryHttp.Request.get(uri("/v2/" + repository.path() + "/manifests/" + reference),
                    Map.of("Accept", ACCEPT)), scopes, MediaTypes.MAX_MANIFEST_BYTES, true);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("the manifest of " + shown + " is larger than "
                    + (MediaTypes.MAX_MANIFEST_BYTES >> 20) + " MB: berth refuses it", e);
        }
        int status = response.statusCode();
        String reason = RegistryErrors.describe(status, response.body());
        if (status == 401 || status == 403) {
            throw new InvalidInputException("pull access denied for " + repository.familiarName()
                    + ", repository does not exist or may require 'berth login': " + reason);
        }
        if (status == 404) {
            throw new NotFoundException("manifest for " + shown + " not found: " + reason);
        }
        if (status != 200) {
            throw new EngineFailureException("cannot get the manifest of " + shown + " from " + endpoint().domain()
                    + ": " + RegistryErrors.status(status).strip() + ": " + reason);
        }
        byte[] bytes = response.body();
        Digest digest = Digest.of(bytes);
        if (reference.startsWith("sha256:") && !digest.toString().equals(reference)) {
            throw new InvalidInputException("the manifest " + shown + " that " + endpoint().domain()
                    + " sent hashes to " + digest + ": it is not the one asked for; nothing was stored");
        }
        Manifest manifest = Manifest.parse(bytes, response.headers().firstValue("Content-Type"),
                "the manifest of " + shown);
        return new ManifestDocument(bytes, digest, manifest);
    }

    /** A small blob (an image config) into memory, verified against its descriptor. */
    public byte[] blob(Descriptor descriptor, long limit) throws BerthException {
        if (descriptor.size() > limit) {
            throw new InvalidInputException("blob " + descriptor.digest() + " of " + repository.familiarName()
                    + " has " + descriptor.size() + " bytes, more than the " + limit + " berth accepts");
        }
        HttpResponse<byte[]> response = http.call(RegistryHttp.Request.get(blobUri(descriptor.digest()), Map.of()),
                scopes, limit, true);
        int status = response.statusCode();
        if (status != 200) {
            throw blobFailure(descriptor.digest(), status, response.body());
        }
        byte[] bytes = response.body();
        Digest actual = Digest.of(bytes);
        if (bytes.length != descriptor.size() || !actual.equals(descriptor.digest())) {
            throw new InvalidInputException("blob " + descriptor.digest() + " from " + endpoint().domain()
                    + " does not match its descriptor (" + bytes.length + " bytes hashing to " + actual
                    + "): the registry sent damaged data; nothing was stored");
        }
        return bytes;
    }

    /**
     * Downloads a blob into {@code file}, resuming what the file already holds; on return the file holds
     * exactly the blob, verified.
     */
    public void download(Descriptor descriptor, Path file, Progress.Task task) throws BerthException {
        new BlobDownload(http, scopes, blobUri(descriptor.digest()), descriptor, file, task).run();
    }

    /** {@code HEAD} of a blob: its size when the repository has it. */
    public Optional<Long> blobSize(Digest digest) throws BerthException {
        HttpResponse<byte[]> response = http.call(new RegistryHttp.Request("HEAD", blobUri(digest), Map.of(),
                HttpRequest.BodyPublishers.noBody()), scopes, ERROR_LIMIT, true);
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw blobFailure(digest, status, response.body());
        }
        return Optional.of(response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /**
     * Asks the registry to mount a blob from another of its repositories ({@code POST ?mount=&from=}); false
     * when it would not (it then opened an upload, which is cancelled).
     */
    public boolean mount(Digest digest, String fromRepository) throws BerthException {
        HttpResponse<byte[]> response = http.call(new RegistryHttp.Request("POST",
                uri("/v2/" + repository.path() + "/blobs/uploads/?mount=" + digest + "&from=" + fromRepository),
                Map.of(), HttpRequest.BodyPublishers.noBody()), scopes, ERROR_LIMIT, true);
        if (response.statusCode() == 201) {
            return true;
        }
        if (response.statusCode() == 202) {
            cancelUpload(location(response));
        }
        return false;
    }

    /** Uploads bytes held in memory (an image config) under their digest. */
    public void upload(Digest digest, byte[] bytes) throws BerthException {
        URI location = startUpload();
        HttpResponse<byte[]> response = http.call(new RegistryHttp.Request("PUT", withDigest(location, digest),
                Map.of("Content-Type", "application/octet-stream"), HttpRequest.BodyPublishers.ofByteArray(bytes)),
                scopes, ERROR_LIMIT, true);
        if (response.statusCode() != 201 && response.statusCode() != 204) {
            throw uploadFailure(digest.toString(), response);
        }
    }

    /**
     * Uploads a layer: its content gzip-compressed on the fly, the digest of the compressed bytes computed as
     * they stream ({@code POST}, one {@code PATCH} with the whole stream, {@code PUT ?digest=}). A dropped
     * connection or a 5xx starts the upload over.
     *
     * @param total the uncompressed size, for the progress
     */
    public PushedBlob upload(Content content, long total, Progress.Task task) throws BerthException {
        for (int attempt = 1; ; attempt++) {
            try {
                return uploadOnce(content, total, task);
            } catch (RetryableUpload e) {
                if (!http.retry().allowsAnother(attempt)) {
                    throw new EngineFailureException("the upload to " + endpoint().domain() + " failed " + attempt
                            + " times; last: " + e.getMessage(), e);
                }
                http.pause(attempt, e.retryAfter);
            }
        }
    }

    /** {@code PUT} of a manifest under a tag; returns the digest of the bytes sent. */
    public Digest putManifest(String tag, String mediaType, byte[] bytes) throws BerthException {
        HttpResponse<byte[]> response = http.call(new RegistryHttp.Request("PUT",
                uri("/v2/" + repository.path() + "/manifests/" + tag), Map.of("Content-Type", mediaType),
                HttpRequest.BodyPublishers.ofByteArray(bytes)), scopes, ERROR_LIMIT, true);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw uploadFailure("the manifest of " + repository.familiarName() + ":" + tag, response);
        }
        return Digest.of(bytes);
    }

    private PushedBlob uploadOnce(Content content, long total, Progress.Task task)
            throws BerthException, RetryableUpload {
        URI location = startUpload();
        task.phase("Pushing", total);
        MessageDigest sha256 = Digest.sha256();
        long[] compressed = {0};
        ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS);
        CompletableFuture<Void> producer = new CompletableFuture<>();
        Thread compressor = new Thread(() -> compress(content, pipe.sink(), sha256, compressed, task, producer),
                "berth-compress");
        compressor.setDaemon(true);
        compressor.start();
        HttpResponse<byte[]> response;
        try {
            InputStream source = pipe.source();
            response = http.exchange(new RegistryHttp.Request("PATCH", location,
                    Map.of("Content-Type", "application/octet-stream"),
                    HttpRequest.BodyPublishers.ofInputStream(() -> source)), scopes, LimitedBody.handler(ERROR_LIMIT));
        } catch (IOException e) {
            pipe.breakWith(e);
            awaitQuietly(producer);
            throw new RetryableUpload(RegistryHttp.reason(e), Optional.empty(), e);
        }
        int status = response.statusCode();
        if (status != 202 && status != 204) {
            // The registry refused the upload, maybe before reading all of it: stop the compressor.
            pipe.breakWith(new IOException("the registry answered " + status + " before the end of the upload"));
            awaitQuietly(producer);
            if (RegistryHttp.isRetryable(status)) {
                throw new RetryableUpload(RegistryErrors.describe(status, response.body()),
                        RegistryHttp.retryAfter(response.headers()), null);
            }
            throw uploadFailure("a layer", response);
        }
        try {
            producer.get();
        } catch (ExecutionException e) {
            cancelUpload(location);
            if (e.getCause() instanceof BerthException) {
                throw (BerthException) e.getCause();
            }
            throw new RetryableUpload("compressing the layer failed: " + e.getCause().getMessage(), Optional.empty(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("interrupted while uploading to " + endpoint().domain(), e);
        }
        Digest digest = Digest.of(sha256);
        HttpResponse<byte[]> done = http.call(new RegistryHttp.Request("PUT", withDigest(location(response), digest),
                Map.of(), HttpRequest.BodyPublishers.noBody()), scopes, ERROR_LIMIT, true);
        if (done.statusCode() != 201 && done.statusCode() != 204) {
            throw uploadFailure("layer " + digest, done);
        }
        return new PushedBlob(digest, compressed[0]);
    }

    /** Runs in its own thread: content → gzip → digest and count → pipe to the HTTP client. */
    private static void compress(Content content, OutputStream pipe, MessageDigest sha256, long[] compressed,
                                 Progress.Task task, CompletableFuture<Void> result) {
        try (pipe) {
            OutputStream counted = new java.io.FilterOutputStream(pipe) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    compressed[0] += length;
                }
            };
            GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(counted, sha256), 1 << 16);
            content.writeTo(ProgressStreams.writing(gzip, task));
            gzip.finish();
            pipe.close();
            result.complete(null);
        } catch (BerthException | IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private URI startUpload() throws BerthException {
        HttpResponse<byte[]> response = http.call(new RegistryHttp.Request("POST",
                uri("/v2/" + repository.path() + "/blobs/uploads/"), Map.of(), HttpRequest.BodyPublishers.noBody()),
                scopes, ERROR_LIMIT, true);
        if (response.statusCode() != 202) {
            throw uploadFailure("an upload", response);
        }
        return location(response);
    }

    private void cancelUpload(URI location) {
        try {
            http.call(new RegistryHttp.Request("DELETE", location, Map.of(), HttpRequest.BodyPublishers.noBody()),
                    scopes, ERROR_LIMIT, true);
        } catch (BerthException e) {
            // An abandoned upload expires on the registry by itself.
        }
    }

    private URI location(HttpResponse<?> response) throws EngineFailureException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new EngineFailureException(
                endpoint().domain() + " opened an upload without saying where (no Location header)"));
        return endpoint().base().resolve(location);
    }

    private BerthException uploadFailure(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String reason = RegistryErrors.describe(status, response.body());
        if (status == 401 || status == 403) {
            return new InvalidInputException("push access to " + repository.familiarName() + " denied: " + reason
                    + (http.hasCredentials() ? "" : "; log in with 'berth login " + endpoint().domain() + "'"));
        }
        return new EngineFailureException("the registry " + endpoint().domain() + " refused " + what + ": "
                + RegistryErrors.status(status).strip() + ": " + reason);
    }

    private BerthException blobFailure(Digest digest, int status, byte[] body) {
        String reason = RegistryErrors.describe(status, body);
        if (status == 401 || status == 403) {
            return new InvalidInputException("access to " + repository.familiarName() + " on " + endpoint().domain()
                    + " denied: " + reason);
        }
        if (status == 404) {
            return new NotFoundException("blob " + digest + " is not in " + repository.familiarName() + ": " + reason);
        }
        return new EngineFailureException("cannot get blob " + digest + " from " + endpoint().domain() + ": "
                + RegistryErrors.status(status).strip() + ": " + reason);
    }

    private URI uri(String path) {
        return endpoint().resolve(path);
    }

    private URI blobUri(Digest digest) {
        return uri("/v2/" + repository.path() + "/blobs/" + digest);
    }

    private static URI withDigest(URI location, Digest digest) {
        String text = location.toString();
        return URI.create(text + (text.contains("?") ? "&" : "?") + "digest=" + digest);
    }

    private static void awaitQuietly(CompletableFuture<Void> producer) {
        try {
            producer.get();
        } catch (ExecutionException e) {
            // The upload failed already; that failure is the one reported.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An upload that failed in a way that trying again may mend. */
    private static final class RetryableUpload extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<java.time.Duration> retryAfter;

        RetryableUpload(String message, Optional<java.time.Duration> retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }
    }
}
