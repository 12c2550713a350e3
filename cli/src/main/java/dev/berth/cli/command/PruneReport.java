package dev.berth.cli.command;

import dev.berth.cli.format.Sizes;
import dev.berth.core.container.ContainerId;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageRemover;
import dev.berth.core.model.Digest;
import java.io.PrintStream;
import java.util.List;

/** What the prune commands print, in Docker's words: a section per kind of object removed, then the space. */
public final class PruneReport {

    private PruneReport() {
    }

    /** {@code Deleted Containers:} and their IDs, when there are any. */
    public static void containers(PrintStream out, List<ContainerId> removed) {
        if (!removed.isEmpty()) {
            out.println("Deleted Containers:");
            for (ContainerId id : removed) {
                out.println(id.hex());
            }
            out.println();
        }
    }

    /** {@code Deleted Images:}, the references untagged and the images deleted, when there are any. */
    public static void images(PrintStream out, ImageRemover.Outcome outcome) {
        if (!outcome.untagged().isEmpty() || !outcome.deleted().isEmpty()) {
            out.println("Deleted Images:");
            for (ImageReference untagged : outcome.untagged()) {
                out.println("untagged: " + untagged.familiarString());
            }
            for (Digest deleted : outcome.deleted()) {
                out.println("deleted: " + deleted);
            }
            out.println();
        }
    }

    /** The closing line. */
    public static void reclaimed(PrintStream out, long bytes) {
        out.println("Total reclaimed space: " + Sizes.human(bytes));
    }
}
