package dev.berth.core.image;

import dev.berth.core.BerthException;
import dev.berth.core.ConflictException;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code rmi} and {@code image prune} with Docker's rules: removing a name only untags while other names
 * remain; an image used by a container, referenced by several names, or with child images is refused
 * (some of these yield to {@code -f}, some never); removing an image prunes its untagged parents.
 */
public final class ImageRemover {

    private final ImageStore images;
    private final LayerStore layers;
    private final ImageUsers users;

    public ImageRemover(ImageStore images, LayerStore layers, ImageUsers users) {
        this.images = images;
        this.layers = layers;
        this.users = users;
    }

    /**
     * What a removal did, line by line as {@code docker rmi} prints it.
     *
     * @param untagged the names removed
     * @param deleted  the image IDs and layer chain IDs deleted, in order
     * @param reclaimed bytes of layer content freed
     */
    public record Outcome(List<ImageReference> untagged, List<Digest> deleted, long reclaimed) {

        public Outcome {
            untagged = List.copyOf(untagged);
            deleted = List.copyOf(deleted);
        }
    }

    /**
     * {@code rmi [-f] [--no-prune] NAME|ID}.
     *
     * @param prune whether untagged parent images go too
     */
    public Outcome remove(String nameOrId, boolean force, boolean prune) throws BerthException {
        Image image = images.resolve(nameOrId);
        Digest id = image.id();
        List<ImageReference> untagged = new ArrayList<>();
        List<Digest> deleted = new ArrayList<>();
        long[] reclaimed = {0};
        List<ImageReference> references = references(image);
        if (!isIdPrefix(id, nameOrId)) {
            ImageReference reference = ImageReference.parse(nameOrId).withDefaultTag();
            if (!force && references.size() == 1) {
                List<ImageUsers.User> using = users.usersOf(id);
                if (!using.isEmpty()) {
                    throw new ConflictException("conflict: unable to remove repository reference \""
                            + nameOrId + "\" (must force) - container " + using.get(0).shortId()
                            + " is using its referenced image " + id.shortHex());
                }
            }
            images.untag(reference);
            untagged.add(reference);
            Image remaining = images.get(id).orElseThrow();
            // A tag gone, digest names of the same repository alone keep nothing alive: they go too.
            if (remaining.tags().stream().noneMatch(t -> t.repository().equals(reference.repository()))) {
                for (ImageReference digestName : remaining.digests()) {
                    if (digestName.repository().equals(reference.repository())) {
                        images.untag(digestName);
                        untagged.add(digestName);
                    }
                }
            }
            if (!references(images.get(id).orElseThrow()).isEmpty()) {
                return new Outcome(untagged, deleted, 0);
            }
        } else if (references.size() <= 1 || sameRepository(references) && references.stream()
                .filter(r -> r.digest().isEmpty()).count() <= 1) {
            for (ImageReference reference : references) {
                images.untag(reference);
                untagged.add(reference);
            }
        }
        delete(id, force, false, prune, untagged, deleted, reclaimed);
        return new Outcome(untagged, deleted, reclaimed[0]);
    }

    /** {@code image prune [-a]}: dangling images (all unused ones with {@code all}) that no container uses. */
    public Outcome prune(boolean all) throws BerthException {
        List<ImageReference> untagged = new ArrayList<>();
        List<Digest> deleted = new ArrayList<>();
        long[] reclaimed = {0};
        for (Image image : images.list()) {
            Optional<Image> current = images.get(image.id());
            if (current.isEmpty() || (!all && !current.get().isDangling()) || !users.usersOf(image.id()).isEmpty()
                    || !images.children(image.id()).isEmpty()) {
                continue;
            }
            for (ImageReference reference : references(current.get())) {
                images.untag(reference);
                untagged.add(reference);
            }
            delete(image.id(), false, true, true, untagged, deleted, reclaimed);
        }
        return new Outcome(untagged, deleted, reclaimed[0]);
    }

    private void delete(Digest id, boolean force, boolean quiet, boolean prune, List<ImageReference> untagged,
                        List<Digest> deleted, long[] reclaimed) throws BerthException {
        Optional<String> conflict = conflict(id, force);
        if (conflict.isPresent()) {
            if (quiet) {
                return;
            }
            throw new ConflictException(conflict.get());
        }
        Image image = images.get(id).orElseThrow();
        for (ImageReference reference : references(image)) {
            images.untag(reference);
            untagged.add(reference);
        }
        List<ImageLayer> before = new ArrayList<>();
        for (Digest chainId : image.config().chainIds()) {
            layers.get(chainId).ifPresent(before::add);
        }
        List<Digest> removedLayers = images.remove(id);
        deleted.add(id);
        deleted.addAll(removedLayers);
        Set<Digest> removed = Set.copyOf(removedLayers);
        for (ImageLayer layer : before) {
            if (removed.contains(layer.chainId())) {
                reclaimed[0] += layer.size();
            }
        }
        if (prune && image.parent().isPresent()) {
            Optional<Image> parent = images.get(image.parent().get());
            if (parent.isPresent() && parent.get().isDangling()) {
                delete(parent.get().id(), false, true, true, untagged, deleted, reclaimed);
            }
        }
    }

    /** Why the image cannot go, Docker's way; hard conflicts hold even with force. */
    private Optional<String> conflict(Digest id, boolean force) throws BerthException {
        if (!images.children(id).isEmpty()) {
            return Optional.of(message(id, true, "image has dependent child images"));
        }
        List<ImageUsers.User> using = users.usersOf(id);
        Optional<ImageUsers.User> running = using.stream().filter(ImageUsers.User::running).findFirst();
        if (running.isPresent()) {
            return Optional.of(message(id, true, "image is being used by running container "
                    + running.get().shortId()));
        }
        if (force) {
            return Optional.empty();
        }
        if (!references(images.get(id).orElseThrow()).isEmpty()) {
            return Optional.of(message(id, false, "image is referenced in multiple repositories"));
        }
        if (!using.isEmpty()) {
            return Optional.of(message(id, false, "image is being used by stopped container " + using.get(0).shortId()));
        }
        return Optional.empty();
    }

    private static String message(Digest id, boolean hard, String why) {
        return "conflict: unable to delete " + id.shortHex() + " (" + (hard ? "cannot be forced" : "must be forced")
                + ") - " + why;
    }

    private static List<ImageReference> references(Image image) {
        List<ImageReference> all = new ArrayList<>(image.tags());
        all.addAll(image.digests());
        return all;
    }

    private static boolean sameRepository(List<ImageReference> references) {
        return references.stream().map(ImageReference::repository).collect(Collectors.toSet()).size() <= 1;
    }

    /** Whether the user named the image by (a prefix of) its ID rather than by a name. */
    private static boolean isIdPrefix(Digest id, String text) {
        String hex = text.startsWith("sha256:") ? text.substring("sha256:".length()) : text;
        return !hex.isEmpty() && id.hex().startsWith(hex);
    }
}
