package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.BerthVersion;
import dev.berth.core.image.ImageReference;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the clients of registries: the endpoint of each (HTTPS, or plain HTTP where allowed), the stored
 * credentials, one HTTP client for the process, and per registry one authorization state whose tokens all
 * clients of that registry share.
 */
public final class Registries {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> insecureRegistries;
    private final AuthFile authFile;
    private final RetryPolicy retry;
    private final Map<String, RegistryHttp> byRegistry = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    public Registries(List<String> insecureRegistries, AuthFile authFile, RetryPolicy retry) {
        this.insecureRegistries = List.copyOf(insecureRegistries);
        this.authFile = authFile;
        this.retry = retry;
    }

    public AuthFile authFile() {
        return authFile;
    }

    /**
     * A client of the repository of {@code reference}, authorized to pull, or to push and pull.
     *
     * @param mountFrom other repositories of the same registry to read from, for cross-repository mounts
     */
    public RegistryClient client(ImageReference reference, boolean push, List<String> mountFrom)
            throws BerthException {
        List<String> scopes = new ArrayList<>();
        scopes.add("repository:" + reference.path() + (push ? ":pull,push" : ":pull"));
        mountFrom.forEach(repository -> scopes.add("repository:" + repository + ":pull"));
        RegistryHttp http = byRegistry.get(reference.domain());
        if (http == null) {
            RegistryEndpoint endpoint = RegistryEndpoint.of(reference.domain(), insecureRegistries);
            http = new RegistryHttp(endpoint, authFile.find(reference.domain()), httpClient(), retry, userAgent());
            RegistryHttp raced = byRegistry.putIfAbsent(reference.domain(), http);
            http = raced != null ? raced : http;
        }
        return new RegistryClient(http, reference, scopes);
    }

    /**
     * Checks {@code credentials} against {@code registry} as {@code login} does: {@code GET /v2/} with them
     * (a token from the registry's realm when it uses tokens) must succeed.
     */
    public void verify(String registry, Credentials credentials) throws BerthException {
        RegistryEndpoint endpoint = RegistryEndpoint.of(registry, insecureRegistries);
        new RegistryHttp(endpoint, Optional.of(credentials), httpClient(), retry, userAgent()).ping(List.of());
    }

    private HttpClient httpClient() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    // HTTP/1.1: parallel downloads get a connection each instead of sharing one stream window.
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT).build();
                }
                current = client;
            }
        }
        return current;
    }

    private static String userAgent() {
        return "berth/" + BerthVersion.current().version();
    }
}
