package dev.berth.core.container;

import dev.berth.core.BerthException;
import dev.berth.core.ConflictException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.FileTrees;
import dev.berth.core.host.StoreLock;
import dev.berth.core.image.ImageUsers;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The containers, one directory each under {@code data-root/containers/<id>/}: the record
 * ({@code config.json}, written atomically), and what the container's runtime writes there (its log, its
 * exit status, the hostname, hosts and resolv.conf files bind-mounted into it). Writers take the store's
 * lock, so names stay unique when many {@code berth run}s race.
 */
public final class ContainerStore implements ImageUsers {

    static final String RECORD = "config.json";

    private final Path root;
    private final StoreLock lock;

    public ContainerStore(Path root) {
        this.root = root;
        this.lock = new StoreLock(root.resolve("lock"));
    }

    /** The directory of a container. */
    public Path directory(ContainerId id) {
        return root.resolve(id.hex());
    }

    /**
     * Records a new container under the name it asks for, or under a generated name when {@code named} is
     * false; returns it as stored (with the name it got).
     *
     * @throws ConflictException when the name is taken
     */
    public Container create(Container container, boolean named) throws BerthException {
        try {
            Files.createDirectories(root);
            try (StoreLock.Held held = lock.lock()) {
                List<Container> all = list();
                Container toStore = container;
                if (named) {
                    Optional<Container> holder = all.stream().filter(c -> c.name().equals(container.name())).findFirst();
                    if (holder.isPresent()) {
                        throw new ConflictException("Conflict. The container name \"/" + container.name().value()
                                + "\" is already in use by container \"" + holder.get().id().hex()
                                + "\". You have to remove (or rename) that container to be able to reuse that name.");
                    }
                } else {
                    for (int attempt = 0; taken(all, toStore.name()); attempt++) {
                        toStore = toStore.withName(ContainerName.generate(attempt + 1));
                    }
                }
                Path dir = Files.createDirectory(directory(container.id()));
                AtomicFiles.write(dir.resolve(RECORD), ContainerRecords.write(toStore));
                return toStore;
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot record container " + container.id().shortId() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean taken(List<Container> all, ContainerName name) {
        return all.stream().anyMatch(c -> c.name().equals(name));
    }

    /** A change to a container's record, made under the lock from its current content. */
    @FunctionalInterface
    public interface Update {
        Container apply(Container current) throws BerthException;
    }

    /**
     * Rewrites a container's record with {@code update}, atomically, unless its content stays the same; returns the
     * new record. Compared as the bytes stored, not with the records' equals: the first call of a record's
     * generated equals costs a JVM some 15 ms of method-handle linking, on every command that changes a container.
     */
    public Container update(ContainerId id, Update update) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Path file = directory(id).resolve(RECORD);
            byte[] stored;
            try {
                stored = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new NotFoundException("No such container: " + id.shortId());
            }
            Container next = update.apply(ContainerRecords.read(stored));
            byte[] record = ContainerRecords.write(next);
            if (!Arrays.equals(record, stored)) {
                AtomicFiles.write(file, record);
            }
            return next;
        } catch (IOException e) {
            throw new EngineFailureException("cannot update container " + id.shortId() + ": " + e.getMessage(), e);
        }
    }

    /** Renames a container; the new name must be free. */
    public Container rename(ContainerId id, ContainerName name) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            for (Container other : list()) {
                if (other.name().equals(name) && !other.id().equals(id)) {
                    throw new ConflictException("Error when allocating new name: Conflict. The container name \"/"
                            + name.value() + "\" is already in use by container \"" + other.id().hex()
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
                }
            }
            return update(id, c -> c.withName(name));
        } catch (IOException e) {
            throw new EngineFailureException("cannot rename container " + id.shortId() + ": " + e.getMessage(), e);
        }
    }

    public Optional<Container> get(ContainerId id) throws BerthException {
        try {
            return Optional.of(ContainerRecords.read(Files.readAllBytes(directory(id).resolve(RECORD))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EngineFailureException("cannot read container " + id.shortId() + ": " + e.getMessage(), e);
        }
    }

    /** Every container, newest first. */
    public List<Container> list() throws BerthException {
        List<Container> all = new ArrayList<>();
        for (Path dir : directories()) {
            get(new ContainerId(dir.getFileName().toString())).ifPresent(all::add);
        }
        // A lambda of berth's own, which the start-up cache holds linked; Comparator.comparing makes a
        // serializable one, which it cannot, and which is linked anew on every run.
        all.sort((a, b) -> b.created().compareTo(a.created()));
        return all;
    }

    /**
     * The container a user means: its name (with or without {@code /}), its full ID, or a unique prefix of
     * its ID, as Docker accepts them.
     */
    public Container resolve(String nameOrId) throws BerthException {
        String name = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
        if (ContainerId.isFull(name)) {
            Optional<Container> byId = get(new ContainerId(name));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        List<Container> all = list();
        for (Container container : all) {
            if (container.name().value().equals(name)) {
                return container;
            }
        }
        if (!name.isEmpty() && name.matches("[a-f0-9]+")) {
            List<Container> matches = all.stream().filter(c -> c.id().hex().startsWith(name)).toList();
            if (matches.size() > 1) {
                throw new InvalidInputException("multiple IDs found with provided prefix: " + name);
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        throw new NotFoundException("No such container: " + nameOrId);
    }

    /** Removes a container's directory and record. */
    public void remove(ContainerId id) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Path dir = directory(id);
            if (Files.exists(dir)) {
                // The record goes first, atomically: a crash leaves no record pointing at half a directory.
                Path doomed = root.resolve("." + id.hex() + "-removing");
                Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                FileTrees.delete(doomed);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot remove container " + id.shortId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<User> usersOf(Digest id) throws BerthException {
        List<User> users = new ArrayList<>();
        for (Container container : list()) {
            if (container.image().equals(id)) {
                users.add(new User(container.id().hex(), container.state().running()));
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
