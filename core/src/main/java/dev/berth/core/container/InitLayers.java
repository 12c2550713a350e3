package dev.berth.core.container;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.archive.TarWriter;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageStore;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's init layer: a small read-only layer between an image and its containers' writable layers that
 * holds the mount points a container needs ({@code /proc}, {@code /sys}, {@code /dev}, {@code /etc/hostname},
 * {@code /etc/hosts}, {@code /etc/resolv.conf}) where the image lacks them. Without it, every container's
 * {@code diff} and {@code commit} would carry these stubs. Its content depends only on the image and carries
 * fixed times, so it is one layer per image, shared by all its containers and held by the image.
 */
final class InitLayers {

    /** The stubs, in the order a tar must create them (a directory before what it holds). */
    private static final List<Map.Entry<String, Character>> STUBS = List.of(
            Map.entry("dev", TarEntry.DIRECTORY), Map.entry("proc", TarEntry.DIRECTORY),
            Map.entry("sys", TarEntry.DIRECTORY), Map.entry("etc", TarEntry.DIRECTORY),
            Map.entry("etc/hostname", TarEntry.FILE), Map.entry("etc/hosts", TarEntry.FILE),
            Map.entry("etc/resolv.conf", TarEntry.FILE));

    private final LayerStore layers;
    private final ImageStore images;

    InitLayers(LayerStore layers, ImageStore images) {
        this.layers = layers;
        this.images = images;
    }

    /**
     * The parent of a new container's writable layer: the image's init layer, made if needed. Which stubs
     * the image lacks is found once, by mounting it; the image store then remembers the answer.
     */
    Optional<Digest> parentFor(Image image) throws BerthException {
        String owner = Image.layerOwner(image.id());
        Optional<Digest> known = images.initLayer(image.id());
        if (known.isPresent() && layers.get(known.get()).isPresent()) {
            layers.acquire(known.get(), owner);
            return known;
        }
        Optional<Digest> top = image.config().topLayer();
        byte[] tar = initTar(top);
        Optional<Digest> parent = top;
        if (tar.length > 0) {
            Digest diffId = Digest.of(tar);
            Digest chain = Digest.chain(top, diffId);
            if (layers.get(chain).isEmpty()) {
                layers.register(new ByteArrayInputStream(tar), top, Optional.of(diffId), owner);
            } else {
                layers.acquire(chain, owner);
            }
            parent = Optional.of(chain);
        }
        if (parent.isPresent()) {
            images.recordInitLayer(image.id(), parent.get());
        }
        return parent;
    }

    /** The stubs the image lacks, as a tar with fixed times and owners; empty when it lacks none. */
    private byte[] initTar(Optional<Digest> top) throws BerthException {
        Optional<ImageLayer> layer = top.isEmpty() ? Optional.empty() : layers.get(top.get());
        Path tree = layer.isPresent() ? layers.mount(layer.get()) : null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean any = false;
            try (TarWriter tar = new TarWriter(bytes)) {
                for (Map.Entry<String, Character> stub : STUBS) {
                    if (tree != null && Files.exists(tree.resolve(stub.getKey()), LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    boolean directory = stub.getValue() == TarEntry.DIRECTORY;
                    tar.write(new TarEntry(stub.getKey(), stub.getValue(), directory ? 0755 : 0644, 0, 0, 0, 0, "", 0, 0,
                            Map.of()), InputStream.nullInputStream());
                    any = true;
                }
                tar.finish();
            }
            return any ? bytes.toByteArray() : new byte[0];
        } catch (IOException e) {
            throw new EngineFailureException("cannot make the init layer: " + e.getMessage(), e);
        } finally {
            if (layer.isPresent()) {
                layers.unmount(layer.get());
            }
        }
    }
}
