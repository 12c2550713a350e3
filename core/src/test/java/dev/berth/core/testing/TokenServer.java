package dev.berth.core.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token service as distribution's {@code token.md} describes it, for a {@link LocalRegistry} set up with
 * token auth: it issues JWTs signed with a key made by {@code keytool}, whose certificate the registry
 * trusts, so the registry really verifies every token. Anyone gets {@code pull} on every repository; a known
 * user with the right password also gets {@code push}; a wrong password gets 401. It records the requests.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "berth-test-registry";
    public static final String ISSUER = "berth-test-issuer";
    private static final String STORE_PASSWORD = "berth-test";

    private final HttpServer server;
    private final PrivateKey key;
    private final String certificateDer;
    private final Path certificate;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean accessTokenField;

    private TokenServer(HttpServer server, PrivateKey key, String certificateDer, Path certificate) {
        this.server = server;
        this.key = key;
        this.certificateDer = certificateDer;
        this.certificate = certificate;
    }

    /** A token service; its signing key and certificate are made once per test JVM (keytool takes seconds). */
    public static TokenServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path pem = Files.copy(Keys.INSTANCE.pem, dir.resolve("token.pem"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TokenServer tokens = new TokenServer(server, Keys.INSTANCE.key, Keys.INSTANCE.certificateDer, pem);
        server.createContext("/token", tokens::handle);
        server.start();
        return tokens;
    }

    /** A key pair and self-signed certificate made by keytool, in a directory removed when the JVM exits. */
    private static final class Keys {
        static final Keys INSTANCE = make();

        final PrivateKey key;
        final String certificateDer;
        final Path pem;

        private Keys(PrivateKey key, String certificateDer, Path pem) {
            this.key = key;
            this.certificateDer = certificateDer;
            this.pem = pem;
        }

        private static Keys make() {
            try {
                Path dir = Files.createTempDirectory("berth-token-keys");
                Path keystore = dir.resolve("token.p12");
                Path pem = dir.resolve("token.pem");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                Commands.run(keytool, "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048",
                        "-dname", "CN=berth-test-token", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
                Commands.run(keytool, "-exportcert", "-rfc", "-alias", "token", "-keystore", keystore.toString(),
                        "-storepass", STORE_PASSWORD, "-file", pem.toString());
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    store.load(in, STORE_PASSWORD.toCharArray());
                }
                for (Path file : List.of(dir, keystore, pem)) {
                    file.toFile().deleteOnExit();
                }
                return new Keys((PrivateKey) store.getKey("token", STORE_PASSWORD.toCharArray()),
                        Base64.getEncoder().encodeToString(store.getCertificate("token").getEncoded()), pem);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the token service's key with keytool", e);
            }
        }
    }

    /** The realm registries send clients to. */
    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The PEM certificate the registry verifies tokens with. */
    public Path certificate() {
        return certificate;
    }

    public TokenServer withUser(String user, String password) {
        users.put(user, password);
        return this;
    }

    /** Answers with {@code access_token} (the OAuth2 name) instead of {@code token}. */
    public TokenServer answeringAccessToken() {
        accessTokenField = true;
        return this;
    }

    /** The query strings of the token requests so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add(query);
        String subject = "";
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            String[] userPassword = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                    StandardCharsets.UTF_8).split(":", 2);
            if (!userPassword[1].equals(users.get(userPassword[0]))) {
                respond(exchange, 401, "{\"details\":\"incorrect username or password\"}");
                return;
            }
            subject = userPassword[0];
        }
        ArrayNode access = Json.array();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("scope=")) {
                String[] scope = URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8).split(":");
                ObjectNode grant = access.addObject().put("type", scope[0]).put("name", scope[1]);
                ArrayNode actions = grant.putArray("actions");
                for (String action : scope[2].split(",")) {
                    if (action.equals("pull") || !subject.isEmpty()) {
                        actions.add(action);
                    }
                }
            }
        }
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = Json.object().put("iss", ISSUER).put("sub", subject).put("aud", SERVICE)
                .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
        claims.set("access", access);
        ObjectNode header = Json.object().put("typ", "JWT").put("alg", "RS256");
        header.putArray("x5c").add(certificateDer);
        String signed = base64Url(Json.bytes(header)) + "." + base64Url(Json.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            String jwt = signed + "." + base64Url(rsa.sign());
            respond(exchange, 200, Json.text(Json.object().put(accessTokenField ? "access_token" : "token", jwt)
                    .put("expires_in", 300)));
        } catch (java.security.GeneralSecurityException e) {
            respond(exchange, 500, "{\"details\":\"" + e.getMessage() + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
