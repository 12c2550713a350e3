package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.BerthVersion;
import dev.berth.core.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the clients of registries: the endpoint of each (HTTPS, or plain HTTP where allowed), the stored
 * credentials, the HTTP clients of the process, and per registry one authorization state whose tokens all
 * clients of that registry share.
 */
public final class Registries implements AutoCloseable {

    private final List<String> insecureRegistries;
    private final AuthFile authFile;
    private final RetryPolicy retry;
    private final Map<String, RegistryHttp> byRegistry = new ConcurrentHashMap<>();
    private final HttpClients clients = new HttpClients();

    public Registries(List<String> insecureRegistries, AuthFile authFile, RetryPolicy retry) {
        this.insecureRegistries = List.copyOf(insecureRegistries);
        this.authFile = authFile;
        this.retry = retry;
    }

    /** Stops the HTTP clients' threads (see {@link HttpClients}); the clients are not to be used after. */
    @Override
    public void close() {
        clients.close();
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
            http = new RegistryHttp(endpoint, authFile.find(reference.domain()), clients, retry, userAgent());
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
        new RegistryHttp(endpoint, Optional.of(credentials), clients, retry, userAgent()).ping(List.of());
    }

    private static String userAgent() {
        return "berth/" + BerthVersion.current().version();
    }
}
