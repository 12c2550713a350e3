package dev.berth.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1 and a free port, storing under a test's
 * temp directory; with an htpasswd file or a token service when a test needs authentication. Stopped on
 * {@link #close()}.
 */
public final class LocalRegistry implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** A registry anyone may pull from and push to. */
    public static LocalRegistry start(Path dir) throws Exception {
        return start(dir, "");
    }

    /** A registry that wants HTTP Basic credentials (htpasswd, bcrypt, made by Debian's {@code htpasswd}). */
    public static LocalRegistry withHtpasswd(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
        byte[] line = htpasswd.getInputStream().readAllBytes();
        if (htpasswd.waitFor() != 0) {
            throw new IOException("htpasswd failed: " + new String(htpasswd.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("htpasswd"), line);
        return start(dir, "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + file + "\n");
    }

    /** A registry that wants bearer tokens of {@code tokens}, which it verifies against the service's certificate. */
    public static LocalRegistry withTokens(Path dir, TokenServer tokens) throws Exception {
        return start(dir, "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: " + TokenServer.SERVICE
                + "\n    issuer: " + TokenServer.ISSUER + "\n    rootcertbundle: " + tokens.certificate() + "\n");
    }

    private static LocalRegistry start(Path dir, String auth) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = Files.writeString(dir.resolve("config.yml"), "version: 0.1\n"
                + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n" + auth);
        Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, dir);
        registry.awaitReady();
        return registry;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as image names and skopeo name it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Copies an image into the registry with skopeo, so that berth pulls bytes berth did not write. */
    public void copyIn(String source, String repositoryAndTag) throws Exception {
        Commands.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", source,
                "docker://" + address() + "/" + repositoryAndTag);
    }

    /** Like {@link #copyIn(String, String)}, as {@code user:password}. */
    public void copyIn(String source, String repositoryAndTag, String credentials) throws Exception {
        Commands.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", credentials, source,
                "docker://" + address() + "/" + repositoryAndTag);
    }

    /** The free port the operating system gives a socket bound to port 0 (closed again at once). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address() + "/v2/").toURL()
                        .openConnection();
                connection.setConnectTimeout(200);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("docker-registry did not answer on " + address());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
