package dev.berth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials in the layout of Docker's {@code config.json}: {@code {"auths": {"SERVER": {"auth":
 * base64(user:password)}}}}, written with mode 0600, other keys of the file kept as they are.
 *
 * <p>Where: {@code $BERTH_AUTH_FILE} if set (then only that file); else {@code $XDG_CONFIG_HOME/berth/auth.json}
 * or {@code ~/.config/berth/auth.json}, the place Podman's {@code auth.json} has under {@code containers/},
 * not a per-boot directory, so a login survives a reboot as Docker's does. Reading falls back to Docker's own
 * {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json}), as Podman's does, so that an existing
 * {@code docker login} works; berth never writes Docker's file. Docker Hub is stored under Docker's key
 * {@code https://index.docker.io/v1/}, other registries under {@code host[:port]}.
 */
public final class AuthFile {

    /** The environment variable naming the credentials file. */
    public static final String VARIABLE = "BERTH_AUTH_FILE";
    private static final String HUB_KEY = "https://index.docker.io/v1/";
    private static final String HUB_DOMAIN = "docker.io";
    private static final List<String> HUB_ALIASES = List.of(HUB_DOMAIN, "index.docker.io", RegistryEndpoint.HUB_HOST);

    private final Path file;
    private final List<Path> fallbacks;

    public AuthFile(Path file, List<Path> fallbacks) {
        this.file = file;
        this.fallbacks = List.copyOf(fallbacks);
    }

    /** The credentials file that the environment selects (see the class comment). */
    public static AuthFile fromEnvironment(Map<String, String> environment) {
        String explicit = environment.get(VARIABLE);
        if (explicit != null && !explicit.isEmpty()) {
            return new AuthFile(Path.of(explicit), List.of());
        }
        Path home = Path.of(Optional.ofNullable(environment.get("HOME")).filter(h -> !h.isEmpty())
                .orElse(System.getProperty("user.home")));
        Path config = Optional.ofNullable(environment.get("XDG_CONFIG_HOME")).filter(d -> !d.isEmpty())
                .map(Path::of).orElse(home.resolve(".config"));
        Path docker = Optional.ofNullable(environment.get("DOCKER_CONFIG")).filter(d -> !d.isEmpty())
                .map(Path::of).orElse(home.resolve(".docker"));
        return new AuthFile(config.resolve("berth/auth.json"), List.of(docker.resolve("config.json")));
    }

    /** The file berth writes. */
    public Path path() {
        return file;
    }

    /**
     * The registry a {@code login}/{@code logout} argument names: {@code https://host:port/path} gives
     * {@code host:port}; Docker Hub's names all give {@code docker.io}.
     */
    public static String registryOf(String server) {
        String host = server.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        return HUB_ALIASES.contains(host) ? HUB_DOMAIN : host;
    }

    /** How the file names a registry: Docker's key for Docker Hub, {@code host[:port]} for the others. */
    public static String keyOf(String registry) {
        return registry.equals(HUB_DOMAIN) ? HUB_KEY : registry;
    }

    /** The credentials stored for {@code registry} (a reference's domain), if any. */
    public Optional<Credentials> find(String registry) throws BerthException {
        for (Path candidate : candidates()) {
            Optional<JsonNode> entry = entry(read(candidate), registryOf(registry));
            if (entry.isPresent()) {
                return Optional.of(credentials(entry.get(), candidate + " (" + registry + ")"));
            }
        }
        return Optional.empty();
    }

    /** Stores {@code credentials} for {@code registry}, replacing what was stored under any of its names. */
    public void store(String registry, Credentials credentials) throws BerthException {
        ObjectNode root = read(file).orElseGet(Json::object);
        ObjectNode auths = auths(root);
        removeEntries(auths, registryOf(registry));
        auths.putObject(keyOf(registryOf(registry))).put("auth", credentials.encoded());
        write(root);
    }

    /** Removes the credentials of {@code registry}; false when berth's file had none. */
    public boolean remove(String registry) throws BerthException {
        Optional<ObjectNode> root = read(file);
        if (root.isEmpty() || !removeEntries(auths(root.get()), registryOf(registry))) {
            return false;
        }
        write(root.get());
        return true;
    }

    private List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(file);
        candidates.addAll(fallbacks);
        return candidates;
    }

    private static Optional<JsonNode> entry(Optional<ObjectNode> root, String registry) {
        if (root.isEmpty() || !root.get().path("auths").isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get().get("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (registryOf(entry.getKey()).equals(registry) && entry.getValue().isObject()
                    && (entry.getValue().hasNonNull("auth") || entry.getValue().hasNonNull("username"))) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static Credentials credentials(JsonNode entry, String origin) throws InvalidInputException {
        if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
            return Credentials.decode(entry.get("auth").asText(), origin);
        }
        return new Credentials(entry.path("username").asText(), entry.path("password").asText());
    }

    private static boolean removeEntries(ObjectNode auths, String registry) {
        boolean removed = false;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            if (registryOf(it.next()).equals(registry)) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    private static ObjectNode auths(ObjectNode root) {
        JsonNode auths = root.get("auths");
        return auths instanceof ObjectNode ? (ObjectNode) auths : root.putObject("auths");
    }

    private static Optional<ObjectNode> read(Path path) throws InvalidInputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the credentials file " + path + ": " + e.getMessage(), e);
        }
        try {
            JsonNode node = Json.read(bytes);
            if (node instanceof ObjectNode) {
                return Optional.of((ObjectNode) node);
            }
        } catch (IOException e) {
            // Reported below.
        }
        throw new InvalidInputException("the credentials file " + path
                + " is not a JSON object; fix it or remove it and log in again");
    }

    /** Writes the file atomically; the temp file is 0600 from its creation, so no one else ever reads it. */
    private void write(ObjectNode root) throws EngineFailureException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + AtomicFiles.TEMP_SUFFIX);
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Json.pretty(root)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new EngineFailureException("cannot write the credentials file " + file + ": " + e.getMessage(), e);
        }
    }
}
