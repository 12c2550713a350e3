package dev.berth.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.cli.Environment;
import dev.berth.cli.Main;
import dev.berth.cli.Streams;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.host.FileTrees;
import dev.berth.core.image.Platform;
import dev.berth.core.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A pull, run in this JVM from a registry of its own on the loopback into a scratch data root, so that the
 * registry commands' start-up cache holds the puller, the registry client and the layer download (about a
 * hundred classes a pull would otherwise load and verify from the jars, and the profile of their code), not only
 * the JDK's HTTP client. The registry serves one image of one small layer, answering {@code /v2/}, its manifest
 * and its two blobs.
 */
final class PullRehearsal {

    private static final String REPOSITORY = "warm/up";
    private static final String TAG = "1";

    private final Environment environment;
    private final Path temporary;

    /** @param temporary where the scratch store is made (and removed) */
    PullRehearsal(Environment environment, Path temporary) {
        this.environment = environment;
        this.temporary = temporary;
    }

    /** Pulls the image and removes the scratch store; true when the pull ended as expected. */
    boolean perform() throws IOException {
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
        Path scratch = Files.createTempDirectory(temporary, "bp");
        try {
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            String reference = "127.0.0.1:" + server.getAddress().getPort() + "/" + REPOSITORY + ":" + TAG;
            return Main.run(new String[] {"--data-root", scratch.resolve("data").toString(), "--exec-root",
                    scratch.resolve("x").toString(), "pull", reference},
                    new Streams(InputStream.nullInputStream(), sink, sink), environment) == 0;
        } finally {
            server.stop(0);
            FileTrees.deleteOnThisFileSystem(scratch);
        }
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
