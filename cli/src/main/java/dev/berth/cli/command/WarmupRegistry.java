package dev.berth.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.image.Platform;
import dev.berth.core.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A registry on the loopback for the registry commands' warm-up: it answers {@code /v2/}, and serves one image of
 * one small layer (its manifest and its two blobs). The warm-up logs in to it and pulls from it, so that the
 * start-up cache holds the JDK's HTTP client, the puller, the registry client and the layer download (a pull
 * would otherwise load and verify about a hundred classes from the jars), with the profile of their code.
 */
final class WarmupRegistry implements AutoCloseable {

    private static final String REPOSITORY = "warm/up";
    private static final String TAG = "1";

    private final HttpServer server;

    private WarmupRegistry(HttpServer server) {
        this.server = server;
    }

    /** Starts the registry on a free port of the loopback. */
    static WarmupRegistry start() throws IOException {
        byte[] tar = layerTar();
        byte[] layer = gzip(tar);
        Platform host = Platform.host();
        byte[] config = ("{\"architecture\":\"" + host.architecture() + "\",\"os\":\"" + host.os() + "\","
                + "\"config\":{\"Cmd\":[\"/warm\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.of(tar) + "\"]},\"history\":[{\"created_by\":\"warm-up\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Digest.of(config) + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + Digest.of(layer) + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> blobs = Map.of(Digest.of(config).toString(), config, Digest.of(layer).toString(), layer);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(exchange, manifest, blobs));
        server.start();
        return new WarmupRegistry(server);
    }

    /** {@code 127.0.0.1:PORT}, a registry berth talks plain HTTP to. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The image it serves. */
    String image() {
        return address() + "/" + REPOSITORY + ":" + TAG;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(HttpExchange exchange, byte[] manifest, Map<String, byte[]> blobs) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String blobPrefix = "/v2/" + REPOSITORY + "/blobs/";
        byte[] body;
        String type;
        if (path.equals("/v2/")) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
            type = "application/json";
        } else if (path.equals("/v2/" + REPOSITORY + "/manifests/" + TAG)) {
            body = manifest;
            type = "application/vnd.oci.image.manifest.v1+json";
            exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.of(manifest).toString());
        } else if (path.startsWith(blobPrefix) && blobs.containsKey(path.substring(blobPrefix.length()))) {
            body = blobs.get(path.substring(blobPrefix.length()));
            type = "application/octet-stream";
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    private static byte[] layerTar() throws IOException {
        byte[] content = "warm\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            tar.write(new TarEntry("etc/", TarEntry.DIRECTORY, 0755, 0, 0, 0, 0, "", 0, 0, Map.of()),
                    InputStream.nullInputStream());
            tar.write(new TarEntry("etc/warm", TarEntry.FILE, 0644, 0, 0, content.length, 0, "", 0, 0, Map.of()),
                    new ByteArrayInputStream(content));
            tar.finish();
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
