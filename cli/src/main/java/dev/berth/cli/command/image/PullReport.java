package dev.berth.cli.command.image;

import dev.berth.cli.StatusLines;
import dev.berth.core.BerthException;
import dev.berth.core.Progress;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.Platform;
import dev.berth.core.registry.ImagePuller;
import java.io.PrintStream;
import java.util.Optional;

/**
 * A pull with Docker's report around it ({@code latest: Pulling from library/busybox}, the layers' progress,
 * {@code Digest:}, {@code Status:}): what {@code berth pull} prints on standard output, and {@code berth run}
 * and {@code berth create} on standard error when they pull an image they do not have.
 */
public record PullReport(PrintStream out, boolean terminal) {

    /** What a pull of {@code parsed} fetches: with a tag and a digest, the digest alone counts (as in Docker). */
    public static ImageReference target(ImageReference parsed) {
        return parsed.digest().map(parsed::withDigest).orElseGet(parsed::withDefaultTag);
    }

    /** Pulls {@code reference} (a {@link #target}), printing the report unless {@code quiet}. */
    public ImagePuller.Result pull(ImagePuller puller, ImageReference reference, Optional<Platform> platform,
            boolean quiet) throws BerthException {
        if (!quiet) {
            String tagOrDigest = reference.digest().map(Object::toString).orElseGet(() -> reference.tag().orElseThrow());
            out.println(tagOrDigest + ": Pulling from " + reference.path());
            out.flush();
        }
        ImagePuller.Result result = puller.pull(reference, platform, quiet ? Progress.NONE : StatusLines.on(out, terminal));
        if (!quiet) {
            out.println("Digest: " + result.manifestDigest());
            out.println("Status: " + (result.updated() ? "Downloaded newer image for "
                    : "Image is up to date for ") + reference.familiarString());
            out.flush();
        }
        return result;
    }
}
