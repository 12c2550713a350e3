package dev.berth.core.system;

import dev.berth.core.BerthException;
import dev.berth.core.container.Container;
import dev.berth.core.image.Image;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code system df} reports, counted as Docker counts it ({@code daemon/disk_usage.go}): every layer
 * once however many images share it, each image's shared and unique part, each container's writable layer.
 *
 * @param images     the images with their sizes
 * @param containers the containers with their sizes
 * @param layersSize the bytes of all image layers, each counted once
 */
public record DiskUsage(List<ImageUsage> images, List<ContainerUsage> containers, long layersSize) {

    public DiskUsage {
        images = List.copyOf(images);
        containers = List.copyOf(containers);
    }

    /**
     * An image's share of the disk.
     *
     * @param image      the image
     * @param size       its layers' bytes, all of them
     * @param sharedSize the bytes of its layers that other images use too
     * @param containers how many containers use it
     */
    public record ImageUsage(Image image, long size, long sharedSize, int containers) {

        public long uniqueSize() {
            return size - sharedSize;
        }
    }

    /**
     * A container's share of the disk.
     *
     * @param container  the container
     * @param sizeRw     the bytes of its writable layer
     * @param sizeRootFs its writable layer and its image together
     */
    public record ContainerUsage(Container container, long sizeRw, long sizeRootFs) {

        public ContainerUsage {
            Objects.requireNonNull(container, "container");
        }
    }

    /** Counts the disk use of {@code images} and {@code containers}. */
    public static DiskUsage of(List<Image> images, List<Container> containers, LayerStore layers) throws BerthException {
        Map<Digest, Long> layerSizes = new HashMap<>();
        long total = 0;
        for (ImageLayer layer : layers.layers()) {
            layerSizes.put(layer.chainId(), layer.size());
            total += layer.size();
        }
        Map<Digest, Integer> imagesPerLayer = new HashMap<>();
        for (Image image : images) {
            for (Digest chain : image.config().chainIds()) {
                imagesPerLayer.merge(chain, 1, Integer::sum);
            }
        }
        Map<Digest, Long> containersPerImage = containers.stream()
                .collect(Collectors.groupingBy(Container::image, Collectors.counting()));
        List<ImageUsage> imageUsage = new ArrayList<>();
        Map<Digest, Long> imageSizes = new HashMap<>();
        for (Image image : images) {
            long size = 0;
            long shared = 0;
            for (Digest chain : image.config().chainIds()) {
                long layerSize = layerSizes.getOrDefault(chain, 0L);
                size += layerSize;
                if (imagesPerLayer.getOrDefault(chain, 0) > 1) {
                    shared += layerSize;
                }
            }
            imageSizes.put(image.id(), size);
            imageUsage.add(new ImageUsage(image, size, shared, containersPerImage.getOrDefault(image.id(), 0L).intValue()));
        }
        List<ContainerUsage> containerUsage = new ArrayList<>();
        for (Container container : containers) {
            long rw = 0;
            var writable = layers.writable(container.id().hex());
            if (writable.isPresent()) {
                rw = layers.size(writable.get());
            }
            containerUsage.add(new ContainerUsage(container, rw, rw + imageSizes.getOrDefault(container.image(), 0L)));
        }
        return new DiskUsage(imageUsage, containerUsage, total);
    }

    /** Docker's reclaimable image bytes: all layers less the unique part of the images that containers use. */
    public long reclaimableImageBytes() {
        long used = 0;
        for (ImageUsage usage : images) {
            if (usage.containers() > 0) {
                used += usage.uniqueSize();
            }
        }
        return layersSize - used;
    }
}
