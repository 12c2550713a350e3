package dev.berth.core.layer;

import dev.berth.core.BerthException;
import dev.berth.core.ConflictException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.Notices;
import dev.berth.core.archive.AppliedLayer;
import dev.berth.core.archive.Change;
import dev.berth.core.archive.LayerApplier;
import dev.berth.core.archive.LayerDiffs;
import dev.berth.core.archive.LayerPath;
import dev.berth.core.archive.TarSplit;
import dev.berth.core.archive.TreeChanges;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.FileStatus;
import dev.berth.core.host.HostFiles;
import dev.berth.core.host.Mounter;
import dev.berth.core.host.ProcessId;
import dev.berth.core.host.StoreLock;
import dev.berth.core.model.Digest;
import dev.berth.spi.LayerFiles;
import dev.berth.spi.MountSpec;
import dev.berth.spi.RandomBytes;
import dev.berth.spi.StorageDriver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The layers of one storage driver: content-addressed image layers shared by chain ID and counted by their
 * owners, and containers' writable layers. Digests and chain IDs live here; the driver sees only random
 * cache IDs.
 *
 * <p>Crash safety: before the driver is touched, an {@code incomplete} record names the new cache ID and the
 * writing process; the layer's record is committed (atomic rename) only after its content is extracted,
 * its digest verified and the file system synced. Whatever a dead writer left is removed the next time a
 * store is opened. Deletion renames the record to {@code .removing} first. Writers serialize on a file lock,
 * held only for metadata updates; readers never see a half-written record.
 */
public final class LayerStore {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@/+-]{0,254}");
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String PENDING = "pending:";
    private static final String CHILD = "layer:";
    private static final String CONTAINER = "container:";

    private final StorageDriver driver;
    private final LayerRecords records;
    private final LayerMounts mounts;
    private final StoreLock lock;
    private final Path scratch;
    private final Notices notices;

    /**
     * Opens the store of {@code driverName}, removing what interrupted operations of dead processes left.
     *
     * @param dataRoot metadata goes to {@code layers/<driver>/}, scratch space to {@code tmp/}
     * @param execRoot mount points and their hold counts go to {@code layers/<driver>/}
     */
    public static LayerStore open(StorageDriver driver, String driverName, Path dataRoot, Path execRoot,
                                  Mounter mounter, Notices notices) throws EngineFailureException {
        try {
            Path root = Files.createDirectories(dataRoot.resolve("layers").resolve(driverName));
            LayerStore store = new LayerStore(driver, new LayerRecords(root),
                    new LayerMounts(execRoot.resolve("layers").resolve(driverName), mounter),
                    new StoreLock(root.resolve("lock")), Files.createDirectories(dataRoot.resolve("tmp")), notices);
            store.repair();
            return store;
        } catch (IOException e) {
            throw new EngineFailureException("cannot open the layer store under " + dataRoot + ": " + e.getMessage(), e);
        }
    }

    private LayerStore(StorageDriver driver, LayerRecords records, LayerMounts mounts, StoreLock lock, Path scratch,
                       Notices notices) {
        this.driver = driver;
        this.records = records;
        this.mounts = mounts;
        this.lock = lock;
        this.scratch = scratch;
        this.notices = notices;
    }

    /**
     * Registers a layer from its changeset (plain, gzip or zstd tar) on top of {@code parent}, held by
     * {@code owner}. A layer whose chain ID exists already is stored once: the existing one gains the owner.
     *
     * @param expectedDiffId the diff ID the caller knows from an image config, if it does: the content is
     *                       verified against it, and when the chain exists already the stream is only read
     *                       and verified, not extracted
     * @throws InvalidInputException when the stream is not a valid layer or its digest does not match; no
     *                               layer is left behind
     */
    public ImageLayer register(InputStream archive, Optional<Digest> parent, Optional<Digest> expectedDiffId,
                               String owner) throws BerthException {
        checkOwner(owner);
        Optional<ImageLayer> parentLayer = parent.isEmpty() ? Optional.empty() : Optional.of(existing(parent.get()));
        if (expectedDiffId.isPresent()) {
            Optional<ImageLayer> known = read(Digest.chain(parent, expectedDiffId.get()));
            if (known.isPresent()) {
                verifyOnly(archive, expectedDiffId.get());
                return addOwner(known.get().chainId(), owner);
            }
        }
        String cacheId = newCacheId();
        LayerRecords.Pending pending = new LayerRecords.Pending(cacheId, parent, ProcessId.current(), owner);
        begin(pending);
        AppliedLayer applied;
        try (OutputStream splitFile = Files.newOutputStream(records.splitFile(pending));
             GZIPOutputStream compressed = new GZIPOutputStream(splitFile, 1 << 16)) {
            driver.create(cacheId, parentLayer.map(ImageLayer::cacheId), false);
            LayerFiles files = driver.files(cacheId);
            TarSplit.Writer split = TarSplit.writer(compressed);
            try (EarlyWriteback writeback = EarlyWriteback.start(files.directory())) {
                applied = new LayerApplier().apply(archive, files, split);
            }
            split.finish();
            compressed.finish();
            splitFile.flush();
            if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(applied.diffId())) {
                throw new InvalidInputException("the layer's content does not match its diff ID: expected "
                        + expectedDiffId.get() + ", got " + applied.diffId() + "; the archive is damaged");
            }
            // The content must be on disk before a record makes it visible (a crash must not leave a
            // committed layer with truncated files).
            HostFiles.syncFileSystem(files.directory());
        } catch (IOException e) {
            abandon(pending);
            throw new EngineFailureException("cannot store the layer: " + e.getMessage(), e);
        } catch (InvalidInputException | RuntimeException e) {
            abandon(pending);
            throw e;
        }
        applied.warnings().forEach(notices::notice);
        return commit(pending, applied);
    }

    private ImageLayer commit(LayerRecords.Pending pending, AppliedLayer applied) throws BerthException {
        Digest chainId = Digest.chain(pending.parent(), applied.diffId());
        boolean duplicate;
        ImageLayer layer;
        try (StoreLock.Held held = lock.lock()) {
            Optional<ImageLayer> known = records.image(chainId);
            duplicate = known.isPresent();
            if (duplicate) {
                layer = addOwnerLocked(known.get(), pending.holder());
            } else {
                layer = new ImageLayer(chainId, applied.diffId(), pending.parent(), pending.cacheId(),
                        applied.size(), Set.of(pending.holder()));
                // The split goes first: a visible record always has its split.
                AtomicFiles.rename(records.splitFile(pending), records.splitFile(chainId));
                records.write(layer);
            }
            if (pending.parent().isPresent()) {
                replaceOwner(pending.parent().get(), PENDING + pending.cacheId(),
                        duplicate ? null : CHILD + chainId.hex());
            }
            if (duplicate) {
                driver.remove(pending.cacheId());
            }
            records.delete(pending);
        } catch (IOException e) {
            throw new EngineFailureException("cannot record the layer: " + e.getMessage(), e);
        }
        return layer;
    }

    /** Reads a stream whose layer exists already, to verify it and leave the stream consumed. */
    private static void verifyOnly(InputStream archive, Digest expected) throws BerthException {
        MessageDigest sha256 = Digest.sha256();
        try (InputStream in = new DigestInputStream(dev.berth.core.archive.Compression.decompressed(archive), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the layer archive: " + e.getMessage(), e);
        }
        Digest actual = Digest.of(sha256);
        if (!actual.equals(expected)) {
            throw new InvalidInputException("the layer's content does not match its diff ID: "
                    + "expected " + expected + ", got " + actual + "; the archive is damaged");
        }
    }

    /** The image layer with this chain ID, if stored. */
    public Optional<ImageLayer> get(Digest chainId) throws EngineFailureException {
        try {
            return records.image(chainId);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read layer " + chainId + ": " + e.getMessage(), e);
        }
    }

    /** Adds {@code owner} to the layer's holders (holding it twice is holding it once). */
    public ImageLayer acquire(Digest chainId, String owner) throws BerthException {
        checkOwner(owner);
        return addOwner(chainId, owner);
    }

    /**
     * Moves a hold on the layer from {@code from} to {@code to} in one write of its record, where
     * {@link #acquire} then {@link #release} would write it twice; a layer {@code from} does not hold just gains
     * {@code to}.
     */
    public ImageLayer transfer(Digest chainId, String from, String to) throws BerthException {
        checkOwner(to);
        try (StoreLock.Held held = lock.lock()) {
            ImageLayer layer = existing(chainId);
            Set<String> owners = new HashSet<>(layer.owners());
            owners.remove(from);
            owners.add(to);
            return writeOwners(layer, owners);
        } catch (IOException e) {
            throw new EngineFailureException("cannot update layer " + chainId + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code owner}'s hold; a layer nobody holds is removed, and releases its parent in turn. */
    public void release(Digest chainId, String owner) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            replaceOwner(chainId, owner, null);
        } catch (IOException e) {
            throw new EngineFailureException("cannot release layer " + chainId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every image layer, for listings and {@code system df}. */
    public List<ImageLayer> layers() throws EngineFailureException {
        try {
            return records.images();
        } catch (IOException e) {
            throw new EngineFailureException("cannot list layers: " + e.getMessage(), e);
        }
    }

    /** Every container's writable layer. */
    public List<WritableLayer> writableLayers() throws EngineFailureException {
        try {
            return records.containers();
        } catch (IOException e) {
            throw new EngineFailureException("cannot list container layers: " + e.getMessage(), e);
        }
    }

    /** Creates container {@code containerId}'s writable layer on {@code parent} (its image's top layer). */
    public WritableLayer createWritable(String containerId, Optional<Digest> parent) throws BerthException {
        if (!CONTAINER_ID.matcher(containerId).matches()) {
            throw new InvalidInputException("invalid container id \"" + containerId + "\"");
        }
        String cacheId = newCacheId();
        WritableLayer layer = new WritableLayer(containerId, cacheId, parent);
        Optional<ImageLayer> parentLayer;
        // The container's record, then its hold on the parent, then the driver's files: a writer killed on the
        // way leaves a record whose files are missing or partial, which removing the container removes (the
        // driver takes what is there). No pending record, as an image layer has: a container layer is a few
        // directories, and the record's own writes are what preparing a container costs most (fsyncs).
        try (StoreLock.Held held = lock.lock()) {
            parentLayer = parent.isEmpty() ? Optional.empty() : Optional.of(existing(parent.get()));
            if (records.container(containerId).isPresent()) {
                throw new ConflictException("container " + containerId + " has a writable layer already");
            }
            records.write(layer);
            if (parentLayer.isPresent()) {
                addOwnerLocked(parentLayer.get(), CONTAINER + containerId);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot record the layer of container " + containerId + ": "
                    + e.getMessage(), e);
        }
        try {
            driver.create(cacheId, parentLayer.map(ImageLayer::cacheId), true);
        } catch (IOException e) {
            dropWritable(containerId, e);
            throw new EngineFailureException("cannot create the layer of container " + containerId + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropWritable(containerId, e);
            throw e;
        }
        return layer;
    }

    /** Undoes a container layer whose creation failed, keeping why its removal failed too, if it did. */
    private void dropWritable(String containerId, Exception failure) {
        try {
            removeWritable(containerId);
        } catch (BerthException e) {
            failure.addSuppressed(e);
        }
    }

    /** Container {@code containerId}'s writable layer, if it has one. */
    public Optional<WritableLayer> writable(String containerId) throws EngineFailureException {
        try {
            return records.container(containerId);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the layer of container " + containerId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes a container's writable layer and its hold on the image's layers; a missing one is no error. */
    public void removeWritable(String containerId) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Optional<WritableLayer> layer = records.container(containerId);
            if (layer.isEmpty()) {
                return;
            }
            if (mounts.isMounted(layer.get().cacheId())) {
                throw new ConflictException("the layer of container " + containerId
                        + " is mounted by a running berth process; try again when it is done");
            }
            Path removing = records.containers.resolve(containerId + LayerRecords.REMOVING);
            AtomicFiles.rename(records.containerFile(containerId), removing);
            driver.remove(layer.get().cacheId());
            if (layer.get().parent().isPresent()) {
                replaceOwner(layer.get().parent().get(), CONTAINER + containerId, null);
            }
            AtomicFiles.delete(removing);
        } catch (IOException e) {
            throw new EngineFailureException("cannot remove the layer of container "
                    + containerId + ": " + e.getMessage(), e);
        }
    }

    /** What {@code inspect} shows as {@code GraphDriver.Data} for {@code layer}. */
    public Map<String, String> driverData(StoredLayer layer) throws EngineFailureException {
        try {
            return driver.metadata(layer.cacheId());
        } catch (IOException e) {
            throw new EngineFailureException("cannot describe layer " + layer.cacheId() + ": " + e.getMessage(), e);
        }
    }

    /** How to mount {@code layer} with everything below it: what the runtime mounts as a container's root. */
    public List<MountSpec> mounts(StoredLayer layer) throws EngineFailureException {
        try {
            return driver.mounts(layer.cacheId());
        } catch (IOException e) {
            throw new EngineFailureException("cannot describe the mounts of layer " + layer.cacheId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Mounts {@code layer}'s complete tree on the host and returns where; every call needs an
     * {@link #unmount}. Holds are counted across berth processes.
     */
    public Path mount(StoredLayer layer) throws EngineFailureException {
        try (StoreLock.Held held = lock.lock()) {
            return mounts.acquire(layer.cacheId(), driver.mounts(layer.cacheId()));
        } catch (IOException e) {
            throw new EngineFailureException("cannot mount layer " + layer.cacheId() + ": " + e.getMessage(), e);
        }
    }

    public void unmount(StoredLayer layer) throws EngineFailureException {
        try (StoreLock.Held held = lock.lock()) {
            mounts.release(layer.cacheId());
        } catch (IOException e) {
            throw new EngineFailureException("cannot unmount layer " + layer.cacheId() + ": " + e.getMessage(), e);
        }
    }

    /** What {@code layer} changed against its parent, as {@code docker diff} lists it. */
    public List<Change> changes(StoredLayer layer) throws EngineFailureException {
        try (ParentTree parent = new ParentTree(layer.parent())) {
            LayerFiles files = driver.files(layer.cacheId());
            if (files.layout() == LayerFiles.Layout.OVERLAY_CHANGES) {
                return TreeChanges.ofOverlayUpper(files.directory(), parent.path);
            }
            Path tree = mount(layer);
            try {
                return TreeChanges.betweenTrees(parent.path, tree);
            } finally {
                unmount(layer);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot list the changes of layer " + layer.cacheId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the exact archive {@code layer} was registered from (uncompressed) to {@code out}, which stays
     * open: the bytes whose sha256 is the layer's diff ID. Rebuilt from the layer's files and its tar split.
     *
     * @throws EngineFailureException when the files on disk no longer give those bytes back
     */
    public void writeOriginal(ImageLayer layer, OutputStream out) throws EngineFailureException {
        Path root = driver.files(layer.cacheId()).directory();
        MessageDigest sha256 = Digest.sha256();
        try (InputStream split = new GZIPInputStream(Files.newInputStream(records.splitFile(layer.chainId())),
                1 << 16)) {
            // The stream passes through a digest on its way out, so the rebuilt bytes are verified as sent; it is
            // rebuilt a 512-byte header at a time, so both see it in large pieces.
            BufferedOutputStream buffered = new BufferedOutputStream(new DigestOutputStream(out, sha256), 1 << 16);
            TarSplit.assemble(split, (name, size) -> openContent(root, name), buffered);
            buffered.flush();
        } catch (IOException e) {
            throw new EngineFailureException("cannot rebuild the archive of layer " + layer.diffId() + ": "
                    + e.getMessage(), e);
        }
        Digest rebuilt = Digest.of(sha256);
        if (!rebuilt.equals(layer.diffId())) {
            throw new EngineFailureException("the archive rebuilt for layer " + layer.diffId() + " has the digest "
                    + rebuilt + ": the layer's files were changed on disk; remove and load the image again");
        }
    }

    /** The size in bytes of the archive {@link #writeOriginal} writes. */
    public long originalSize(ImageLayer layer) throws EngineFailureException {
        try (InputStream split = new GZIPInputStream(Files.newInputStream(records.splitFile(layer.chainId())),
                1 << 16)) {
            return TarSplit.size(split);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the tar split of layer " + layer.diffId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A regular file of a layer, by its archive entry name, never through a symlink. */
    private static InputStream openContent(Path root, String name) throws IOException {
        try {
            return Files.newInputStream(root.resolve(LayerPath.normalize(name, "entry \"" + name + "\"")),
                    LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes {@code layer}'s changeset as an uncompressed tar to {@code out} (which stays open). */
    public void diff(StoredLayer layer, OutputStream out) throws EngineFailureException {
        try {
            LayerFiles files = driver.files(layer.cacheId());
            if (files.layout() == LayerFiles.Layout.OVERLAY_CHANGES) {
                LayerDiffs.writeOverlayUpper(files.directory(), out);
                return;
            }
            try (ParentTree parent = new ParentTree(layer.parent())) {
                Path tree = mount(layer);
                try {
                    LayerDiffs.writeChanges(tree, TreeChanges.betweenTrees(parent.path, tree), out);
                } finally {
                    unmount(layer);
                }
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot write the diff of layer " + layer.cacheId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The bytes of file content {@code layer} adds: recorded at apply time for an image layer, measured now
     * for a writable one (what {@code docker ps -s} shows as SIZE).
     */
    public long size(StoredLayer layer) throws EngineFailureException {
        if (layer instanceof ImageLayer) {
            return ((ImageLayer) layer).size();
        }
        try {
            LayerFiles files = driver.files(layer.cacheId());
            Set<Long> inodes = new HashSet<>();
            long total = 0;
            if (files.layout() == LayerFiles.Layout.OVERLAY_CHANGES) {
                try (Stream<Path> all = Files.walk(files.directory())) {
                    for (Path file : (Iterable<Path>) all::iterator) {
                        total += newBytes(FileStatus.of(file), inodes);
                    }
                }
                return total;
            }
            try (ParentTree parent = new ParentTree(layer.parent())) {
                Path tree = mount(layer);
                try {
                    for (Change change : TreeChanges.betweenTrees(parent.path, tree)) {
                        if (change.kind() != Change.Kind.DELETED) {
                            total += newBytes(FileStatus.of(tree.resolve(change.path())), inodes);
                        }
                    }
                } finally {
                    unmount(layer);
                }
            }
            return total;
        } catch (IOException e) {
            throw new EngineFailureException("cannot measure layer " + layer.cacheId() + ": " + e.getMessage(), e);
        }
    }

    private static long newBytes(FileStatus status, Set<Long> inodes) {
        return status.isRegularFile() && inodes.add(status.inode()) ? status.size() : 0;
    }

    /** The parent's complete tree, mounted for as long as a diff needs it (null for a base layer). */
    private final class ParentTree implements AutoCloseable {
        private final Optional<ImageLayer> layer;
        final Path path;

        ParentTree(Optional<Digest> chainId) throws EngineFailureException {
            try {
                this.layer = chainId.isEmpty() ? Optional.empty() : Optional.of(existing(chainId.get()));
            } catch (NotFoundException e) {
                throw new EngineFailureException("the parent layer is missing: " + e.getMessage(), e);
            }
            this.path = layer.isEmpty() ? null : mount(layer.get());
        }

        @Override
        public void close() throws EngineFailureException {
            if (layer.isPresent()) {
                unmount(layer.get());
            }
        }
    }

    private void begin(LayerRecords.Pending pending) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Optional<ImageLayer> parent = pending.parent().isPresent()
                    ? Optional.of(existing(pending.parent().get())) : Optional.empty();
            // The record first: a writer killed between the two writes leaves a record that the next open
            // abandons, never a hold on the parent that nothing would ever drop.
            records.write(pending);
            if (parent.isPresent()) {
                // Holds the parent while the child is built on it, so that no one removes it meanwhile.
                Set<String> owners = new HashSet<>(parent.get().owners());
                owners.add(PENDING + pending.cacheId());
                records.write(parent.get().withOwners(owners));
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot record a new layer: " + e.getMessage(), e);
        }
    }

    /** Undoes a creation that failed or whose writer died: driver files, hold on the parent, record. */
    private void abandon(LayerRecords.Pending pending) {
        try (StoreLock.Held held = lock.lock()) {
            driver.remove(pending.cacheId());
            if (pending.parent().isPresent()) {
                replaceOwner(pending.parent().get(), PENDING + pending.cacheId(), null);
            }
            records.delete(pending);
        } catch (IOException e) {
            notices.notice("could not clean up layer " + pending.cacheId() + " (" + e.getMessage()
                    + "); the next berth command will");
        }
    }

    /**
     * Removes what interrupted operations of processes that are gone left behind. Every berth command opens
     * the store, so this reads one listing of each directory and acts only on what the names show: a record
     * being removed, a temporary file, a tar split without its record, a pending layer, an ownerless layer.
     */
    private void repair() throws IOException {
        try (StoreLock.Held held = lock.lock()) {
            for (LayerRecords.Pending pending : records.pending()) {
                if (!pending.writer().isAlive() && !finishCommitted(pending)) {
                    abandon(pending);
                }
            }
            Set<String> imageFiles = names(records.images);
            for (String name : imageFiles) {
                if (name.endsWith(LayerRecords.REMOVING)) {
                    ImageLayer layer = LayerRecords.readImage(Files.readAllBytes(records.images.resolve(name)));
                    Files.deleteIfExists(records.splitFile(layer.chainId()));
                    driver.remove(layer.cacheId());
                    if (layer.parent().isPresent()) {
                        replaceOwner(layer.parent().get(), CHILD + layer.chainId().hex(), null);
                    }
                    AtomicFiles.delete(records.images.resolve(name));
                } else if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(records.images.resolve(name));
                } else if (name.endsWith(LayerRecords.SPLIT)
                        && !imageFiles.contains(name.replace(LayerRecords.SPLIT, LayerRecords.JSON))) {
                    // A crash between the split's rename and the record's write.
                    Files.deleteIfExists(records.images.resolve(name));
                }
            }
            for (String name : names(records.containers)) {
                if (name.endsWith(LayerRecords.REMOVING)) {
                    WritableLayer layer = LayerRecords.readContainer(Files.readAllBytes(records.containers.resolve(name)));
                    driver.remove(layer.cacheId());
                    if (layer.parent().isPresent()) {
                        replaceOwner(layer.parent().get(), CONTAINER + layer.containerId(), null);
                    }
                    AtomicFiles.delete(records.containers.resolve(name));
                } else if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(records.containers.resolve(name));
                }
            }
            for (Path temp : LayerRecords.list(records.incomplete, "*" + AtomicFiles.TEMP_SUFFIX)) {
                Files.deleteIfExists(temp);
            }
            for (String name : imageFiles) {
                if (name.endsWith(LayerRecords.OWNERLESS)) {
                    // Kept while a berth process had it mounted: removed now unless that process still does.
                    Digest chainId = new Digest(name.substring(0, name.length() - LayerRecords.OWNERLESS.length()));
                    Optional<ImageLayer> layer = records.image(chainId);
                    if (layer.isPresent() && layer.get().owners().isEmpty()) {
                        replaceOwner(chainId, "", null);
                    } else {
                        Files.deleteIfExists(records.ownerlessMarker(chainId));
                    }
                }
            }
            driver.cleanup();
        }
    }

    /**
     * Finishes what a writer killed after committing its layer left undone: its record is written (with the
     * pending layer's cache ID), so only the parent's hold and the pending record remain to settle. Abandoning
     * such a pending layer would delete the files of a layer the store lists. Returns whether it was committed.
     */
    private boolean finishCommitted(LayerRecords.Pending pending) throws IOException {
        String replacement = null;
        // Container layers have no pending record since 43aff92; stores written before it may still hold one.
        if (pending.holder().startsWith(CONTAINER)) {
            Optional<WritableLayer> layer = records.container(pending.holder().substring(CONTAINER.length()));
            if (layer.isPresent() && layer.get().cacheId().equals(pending.cacheId())) {
                replacement = pending.holder();
            }
        } else {
            for (ImageLayer layer : records.images()) {
                if (layer.cacheId().equals(pending.cacheId())) {
                    replacement = CHILD + layer.chainId().hex();
                }
            }
        }
        if (replacement == null) {
            return false;
        }
        if (pending.parent().isPresent() && records.image(pending.parent().get())
                .filter(parent -> parent.owners().contains(PENDING + pending.cacheId())).isPresent()) {
            replaceOwner(pending.parent().get(), PENDING + pending.cacheId(), replacement);
        }
        records.delete(pending);
        return true;
    }

    private static Set<String> names(Path directory) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        return names;
    }

    private ImageLayer addOwner(Digest chainId, String owner) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            return addOwnerLocked(existing(chainId), owner);
        } catch (IOException e) {
            throw new EngineFailureException("cannot update layer " + chainId + ": "
                    + e.getMessage(), e);
        }
    }

    private ImageLayer addOwnerLocked(ImageLayer layer, String owner) throws IOException {
        Set<String> owners = new HashSet<>(layer.owners());
        owners.add(owner);
        return writeOwners(layer, owners);
    }

    /**
     * Gives the layer {@code owners} (at least one), writing its record only when they changed; a layer that had
     * none is no longer marked ownerless. Called with the lock held.
     */
    private ImageLayer writeOwners(ImageLayer layer, Set<String> owners) throws IOException {
        if (owners.equals(layer.owners())) {
            return layer;
        }
        ImageLayer updated = layer.withOwners(owners);
        records.write(updated);
        if (layer.owners().isEmpty()) {
            Files.deleteIfExists(records.ownerlessMarker(layer.chainId()));
        }
        return updated;
    }

    /**
     * Replaces {@code owner} by {@code replacement} (or just removes it when null) on a layer; a layer left
     * without owners is removed, releasing its own parent. Called with the lock held.
     */
    private void replaceOwner(Digest chainId, String owner, String replacement) throws IOException {
        Optional<ImageLayer> found = records.image(chainId);
        if (found.isEmpty()) {
            Files.deleteIfExists(records.ownerlessMarker(chainId));
            return;
        }
        ImageLayer layer = found.get();
        Set<String> owners = new HashSet<>(layer.owners());
        owners.remove(owner);
        if (replacement != null) {
            owners.add(replacement);
        }
        if (!owners.isEmpty()) {
            records.write(layer.withOwners(owners));
            return;
        }
        if (mounts.isMounted(layer.cacheId())) {
            // A berth process reads it right now: keep it, owned by no one and marked so, for a later store
            // open to remove.
            records.write(layer.withOwners(Set.of()));
            AtomicFiles.write(records.ownerlessMarker(chainId), new byte[0]);
            return;
        }
        Path removing = records.images.resolve(chainId.hex() + LayerRecords.REMOVING);
        AtomicFiles.rename(records.imageFile(chainId), removing);
        Files.deleteIfExists(records.ownerlessMarker(chainId));
        Files.deleteIfExists(records.splitFile(chainId));
        driver.remove(layer.cacheId());
        if (layer.parent().isPresent()) {
            replaceOwner(layer.parent().get(), CHILD + chainId.hex(), null);
        }
        AtomicFiles.delete(removing);
    }

    private Optional<ImageLayer> read(Digest chainId) throws EngineFailureException {
        try {
            return records.image(chainId);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read layer " + chainId + ": "
                    + e.getMessage(), e);
        }
    }

    private ImageLayer existing(Digest chainId) throws NotFoundException, EngineFailureException {
        return read(chainId).orElseThrow(() -> new NotFoundException("no layer " + chainId
                + " in the layer store"));
    }

    private static void checkOwner(String owner) throws BerthException {
        if (!OWNER.matcher(owner).matches() || owner.startsWith(PENDING) || owner.startsWith(CHILD)) {
            throw new InvalidInputException("invalid layer owner \"" + owner + "\"");
        }
    }

    private static String newCacheId() {
        return HexFormat.of().formatHex(RandomBytes.of(32));
    }
}
