package dev.berth.core.image;

import dev.berth.core.BerthException;
import dev.berth.core.model.Digest;
import java.util.List;

/** Who uses images: the containers made from them. Removing an image asks it first. */
@FunctionalInterface
public interface ImageUsers {

    /** The containers made from image {@code id}. */
    List<User> usersOf(Digest id) throws BerthException;

    /**
     * A container using an image.
     *
     * @param containerId the container's full ID
     * @param running     whether it runs (or is paused or restarting)
     */
    record User(String containerId, boolean running) {

        public String shortId() {
            return containerId.substring(0, Math.min(12, containerId.length()));
        }
    }
}
