package dev.berth.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.image.ImageUsers;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers, one directory each under {@code data-root/containers/<id>/}, whose {@code config.json}
 * holds the container's record in the shape of Docker's inspect output.
 */
public final class ContainerStore implements ImageUsers {

    static final String CONFIG = "config.json";

    private final Path root;

    public ContainerStore(Path root) {
        this.root = root;
    }

    @Override
    public List<User> usersOf(Digest id) throws BerthException {
        List<User> users = new ArrayList<>();
        for (Path dir : directories()) {
            try {
                JsonNode node = Json.read(Files.readAllBytes(dir.resolve(CONFIG)));
                if (id.toString().equals(node.path("Image").asText())) {
                    users.add(new User(node.path("Id").asText(), node.path("State").path("Running").asBoolean()));
                }
            } catch (NoSuchFileException e) {
                // Removed since listed, or being created.
            } catch (IOException e) {
                throw new EngineFailureException("cannot read container " + dir.getFileName() + ": " + e.getMessage(), e);
            }
        }
        return users;
    }

    private List<Path> directories() throws EngineFailureException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (ContainerId.isFull(entry.getFileName().toString())) {
                    dirs.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return dirs;
        } catch (IOException e) {
            throw new EngineFailureException("cannot list containers in " + root + ": " + e.getMessage(), e);
        }
        return dirs;
    }
}
