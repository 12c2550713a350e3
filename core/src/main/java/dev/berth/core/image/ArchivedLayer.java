package dev.berth.core.image;

import dev.berth.core.model.Digest;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A layer blob in an archive.
 *
 * @param entry      the archive entry holding it
 * @param blobDigest the digest of the blob as stored (possibly compressed), when the archive declares one
 * @param blobSize   its size as declared, or -1
 */
record ArchivedLayer(TarArchiveEntry entry, Optional<Digest> blobDigest, long blobSize) {

    ArchivedLayer {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(blobDigest, "blobDigest");
    }
}
