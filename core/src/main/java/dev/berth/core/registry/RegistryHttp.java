package dev.berth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * HTTP with one registry: authorization (HTTP Basic, or Bearer tokens obtained from the realm of the
 * registry's {@code WWW-Authenticate} challenge, anonymously or with credentials, cached per scope until they
 * expire), redirects followed by hand so that {@code Authorization} never leaves the registry's own host,
 * and retries with back-off after dropped connections, 429 (honouring {@code Retry-After}) and 5xx.
 * Shared by the threads of one pull or push.
 */
final class RegistryHttp {

    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 10;
    private static final int ERROR_BODY_LIMIT = 64 << 10;
    private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofSeconds(60);
    /** A token is renewed this long before it expires, so that it does not expire on its way. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final RegistryEndpoint endpoint;
    private final Optional<Credentials> credentials;
    private final HttpClients clients;
    private final RetryPolicy retry;
    private final String userAgent;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;

    /**
     * One HTTP request as berth sends it to a registry.
     *
     * @param method  the method
     * @param uri     where
     * @param headers extra headers ({@code Accept}, {@code Range}, {@code Content-Type})
     * @param body    the body; publishers of byte arrays can be sent again, streams cannot
     */
    record Request(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        static Request get(URI uri, Map<String, String> headers) {
            return new Request("GET", uri, headers, HttpRequest.BodyPublishers.noBody());
        }
    }

    /** A bearer token and when to stop using it. */
    private record Token(String value, Instant renewAt) {
    }

    RegistryHttp(RegistryEndpoint endpoint, Optional<Credentials> credentials, HttpClients clients, RetryPolicy retry,
                 String userAgent) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.clients = clients;
        this.retry = retry;
        this.userAgent = userAgent;
    }

    RegistryEndpoint endpoint() {
        return endpoint;
    }

    boolean hasCredentials() {
        return credentials.isPresent();
    }

    RetryPolicy retry() {
        return retry;
    }

    /**
     * One exchange, not retried: the authorization the registry wants (a new token once after a 401),
     * redirects of GET and HEAD followed. Responses that are redirects or 401s on the way have their bodies
     * discarded; the final one goes to {@code handler}.
     */
    <T> HttpResponse<T> exchange(Request request, List<String> scopes, HttpResponse.BodyHandler<T> handler)
            throws IOException, BerthException {
        URI uri = request.uri();
        String method = request.method();
        HttpRequest.BodyPublisher body = request.body();
        boolean renewed = false;
        for (int redirects = 0; ; ) {
            boolean own = endpoint.isSameOrigin(uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, body).header("User-Agent", userAgent);
            request.headers().forEach(builder::header);
            // A streamed upload is answered only once all of it is sent, so no time limit fits it; and it
            // cannot be sent twice, so its token is renewed before it goes, never after a 401.
            boolean repeatable = body.contentLength() >= 0;
            if (repeatable) {
                builder.timeout(CALL_TIMEOUT);
            } else if (own) {
                renewExpiredToken(scopes);
            }
            boolean mayRenew = own && !renewed && repeatable;
            Optional<String> authorization = own ? authorization(scopes) : Optional.empty();
            authorization.ifPresent(value -> builder.header("Authorization", value));
            HttpResponse<T> response = send(builder.build(), info -> info.statusCode() == 401 && mayRenew
                    || REDIRECTS.contains(info.statusCode()) && isIdempotent(request.method())
                    ? HttpResponse.BodySubscribers.replacing(null) : handler.apply(info));
            int status = response.statusCode();
            if (status == 401 && mayRenew) {
                renewed = true;
                if (authenticate(response.headers(), scopes, authorization)) {
                    continue;
                }
                // No way to authorize: ask again without a discarded body, so the caller sees the registry's words.
                return send(builder.build(), handler);
            }
            if (REDIRECTS.contains(status) && isIdempotent(request.method())) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty() || ++redirects > MAX_REDIRECTS) {
                    throw new EngineFailureException(endpoint.domain() + " sent " + (location.isEmpty()
                            ? "a redirect without a Location" : "more than " + MAX_REDIRECTS + " redirects")
                            + " for " + request.uri().getPath());
                }
                uri = uri.resolve(location.get());
                if (status == 303) {
                    method = "GET";
                    body = HttpRequest.BodyPublishers.noBody();
                }
                continue;
            }
            return response;
        }
    }

    /**
     * An exchange whose bodies are small (manifests, configs, errors: at most {@code limit} bytes), retried
     * after dropped connections, 429 and 5xx. The final response is returned whatever its status.
     *
     * @param retryRefusedConnection false for the first contact: a registry that refuses connections is not
     *                               there, and saying so at once beats waiting for back-offs
     */
    HttpResponse<byte[]> call(Request request, List<String> scopes, long limit, boolean retryRefusedConnection)
            throws BerthException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = exchange(request, scopes, LimitedBody.handler(limit));
                if (RETRYABLE.contains(response.statusCode()) && retry.allowsAnother(attempt)) {
                    pause(attempt, retryAfter(response.headers()));
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (LimitedBody.tooLarge(e) != null) {
                    throw new InvalidInputException(endpoint.domain() + " sent more than " + limit + " bytes for "
                            + request.uri().getPath() + "; berth refuses it");
                }
                if (!retry.allowsAnother(attempt) || !retryRefusedConnection && isRefused(e)) {
                    throw unreachable(e);
                }
                pause(attempt, Optional.empty());
            }
        }
    }

    /**
     * {@code GET /v2/}: the registry is there, speaks the API, and lets this client in; which makes it name
     * its authorization scheme and, for tokens, gives the token for {@code scopes}.
     */
    void ping(List<String> scopes) throws BerthException {
        HttpResponse<byte[]> response = call(Request.get(endpoint.resolve("/v2/"), Map.of()), scopes, ERROR_BODY_LIMIT,
                false);
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        String reason = RegistryErrors.describe(status, response.body());
        if (status == 401 || status == 403) {
            throw new InvalidInputException(endpoint.domain() + " refused " + credentials.map(c -> "the credentials of "
                    + c.username()).orElse("access without credentials") + ": " + reason + "; "
                    + (credentials.isPresent() ? "check them with" : "log in with") + " 'berth login "
                    + endpoint.domain() + "'");
        }
        if (status == 404) {
            throw new EngineFailureException(endpoint.base() + " is not a registry: GET /v2/ answered 404");
        }
        throw new EngineFailureException("the registry " + endpoint.domain() + " answered GET /v2/ with "
                + RegistryErrors.status(status).strip() + ": " + reason);
    }

    /** Waits before try {@code attempt + 1}. */
    void pause(int attempt, Optional<Duration> retryAfter) throws EngineFailureException {
        try {
            Thread.sleep(retry.delay(attempt, retryAfter).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("interrupted while waiting to try " + endpoint.domain() + " again", e);
        }
    }

    static boolean isRetryable(int status) {
        return RETRYABLE.contains(status);
    }

    /** The failure of a connection that could not be made or kept, in words a user can act on. */
    EngineFailureException unreachable(IOException e) {
        String reason = reason(e);
        String hint = "";
        if (hasCause(e, SSLException.class) && !endpoint.plainHttp()) {
            hint = "; if " + endpoint.domain() + " serves plain HTTP, add it to \"insecure-registries\" in the "
                    + "berth config";
        }
        return new EngineFailureException("cannot reach the registry " + endpoint.domain() + " ("
                + endpoint.base() + "): " + reason + hint, e);
    }

    /** What went wrong with a connection, in words: the JDK's exceptions often carry no message. */
    static String reason(Throwable failure) {
        if (hasCause(failure, java.nio.channels.UnresolvedAddressException.class)
                || hasCause(failure, java.net.UnknownHostException.class)) {
            return "no such host";
        }
        if (hasCause(failure, java.net.http.HttpConnectTimeoutException.class)) {
            return "the connection timed out";
        }
        if (hasCause(failure, ConnectException.class)) {
            return "connection refused";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(Instant.now(), when.toInstant()));
            } catch (DateTimeParseException unparsable) {
                return Optional.empty();
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException,
            EngineFailureException {
        try {
            return clients.forUri(request.uri()).send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("interrupted while talking to " + endpoint.domain(), e);
        }
    }

    /** The {@code Authorization} value for {@code scopes}, once the registry said what it wants. */
    private Optional<String> authorization(List<String> scopes) {
        AuthChallenge current = challenge;
        if (current == null) {
            return Optional.empty();
        }
        if (current.isBasic()) {
            return credentials.map(Credentials::basicAuthorization);
        }
        Token token = tokens.get(key(scopes));
        return token != null && Instant.now().isBefore(token.renewAt()) ? Optional.of("Bearer " + token.value())
                : Optional.empty();
    }

    /** Gets a new token for {@code scopes} when the registry wants tokens and the last one expired. */
    private void renewExpiredToken(List<String> scopes) throws BerthException {
        AuthChallenge current = challenge;
        if (current != null && current.isBearer() && authorization(scopes).isEmpty()) {
            tokens.put(key(scopes), fetchToken(current, scopes));
        }
    }

    /** Answers a 401's challenge; false when there is nothing new to try. */
    private boolean authenticate(HttpHeaders headers, List<String> scopes, Optional<String> sent)
            throws BerthException {
        Optional<AuthChallenge> offered = AuthChallenge.preferred(headers.allValues("WWW-Authenticate"));
        if (offered.isEmpty()) {
            return false;
        }
        challenge = offered.get();
        if (offered.get().isBasic()) {
            return credentials.isPresent() && sent.isEmpty();
        }
        tokens.put(key(scopes), fetchToken(offered.get(), scopes));
        return true;
    }

    /** A token from the challenge's realm (distribution's {@code token.md}), anonymous or with credentials. */
    private Token fetchToken(AuthChallenge bearer, List<String> scopes) throws BerthException {
        String realm = bearer.parameter("realm").orElseThrow(() -> new EngineFailureException(endpoint.domain()
                + " asks for a bearer token but names no realm to get it from"));
        StringBuilder query = new StringBuilder();
        bearer.parameter("service").ifPresent(service -> query.append("service=").append(encode(service)));
        for (String scope : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        URI uri;
        try {
            uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        } catch (IllegalArgumentException e) {
            throw new EngineFailureException(endpoint.domain() + " names an invalid token realm \"" + realm + "\"");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("User-Agent", userAgent)
                .timeout(CALL_TIMEOUT);
        credentials.ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
        HttpResponse<byte[]> response = null;
        for (int attempt = 1; response == null; attempt++) {
            try {
                HttpResponse<byte[]> answer = send(builder.build(), LimitedBody.handler(ERROR_BODY_LIMIT));
                if (isRetryable(answer.statusCode()) && retry.allowsAnother(attempt)) {
                    pause(attempt, retryAfter(answer.headers()));
                    continue;
                }
                response = answer;
            } catch (IOException e) {
                if (!retry.allowsAnother(attempt)) {
                    throw new EngineFailureException("cannot get a token for " + endpoint.domain() + " from " + realm
                            + ": " + reason(e), e);
                }
                pause(attempt, Optional.empty());
            }
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            String reason = RegistryErrors.describe(response.statusCode(), response.body());
            throw new InvalidInputException(credentials.isPresent()
                    ? endpoint.domain() + " refused the credentials of " + credentials.get().username() + " ("
                    + reason + "); check them with 'berth login " + endpoint.domain() + "'"
                    : endpoint.domain() + " refused an anonymous token (" + reason + "); log in with 'berth login "
                    + endpoint.domain() + "'");
        }
        if (response.statusCode() != 200) {
            throw new EngineFailureException("the token service of " + endpoint.domain() + " answered "
                    + RegistryErrors.status(response.statusCode()).strip() + ": "
                    + RegistryErrors.describe(response.statusCode(), response.body()));
        }
        JsonNode node;
        try {
            node = Json.read(response.body());
        } catch (IOException e) {
            throw new EngineFailureException("the token service of " + endpoint.domain() + " sent no JSON");
        }
        String token = node.path("token").asText(node.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new EngineFailureException("the token service of " + endpoint.domain()
                    + " answered without a token");
        }
        long seconds = node.path("expires_in").asLong(0);
        Duration life = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFE;
        Instant issued = Instant.now();
        return new Token(token, issued.plus(life).minus(TOKEN_MARGIN));
    }

    private static String key(List<String> scopes) {
        return String.join(" ", scopes.stream().sorted().toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isIdempotent(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static boolean isRefused(IOException e) {
        return hasCause(e, ConnectException.class);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
