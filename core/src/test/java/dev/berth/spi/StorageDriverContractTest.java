package dev.berth.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.NotFoundException;
import dev.berth.core.archive.Change;
import dev.berth.core.archive.TarBuilder;
import dev.berth.core.archive.TarEntry;
import dev.berth.core.host.FileStatus;
import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.HostDriverContext;
import dev.berth.core.host.HostFiles;
import dev.berth.core.host.Mounter;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.layer.StoredLayer;
import dev.berth.core.layer.WritableLayer;
import dev.berth.core.model.Digest;
import dev.berth.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every storage driver must do, checked through berth's core exactly as berth uses a driver: layers
 * are created by the layer store, changesets applied by core's applier, trees mounted from the driver's
 * described mounts by core's mounter (with hold counts), diffs and changes read back by core.
 *
 * <p>A driver's test extends this class and names its factory; nothing else. Mounting needs root, so
 * subclasses are integration tests ({@code *IT}).
 */
public abstract class StorageDriverContractTest {

    @TempDir
    Path temp;

    protected StorageDriver driver;
    protected LayerStore store;
    private final List<String> notices = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    /** The driver under test. */
    protected abstract StorageDriverFactory factory();

    /** The driver's options ({@code storage-opts}); none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    @BeforeEach
    void openStore() throws Exception {
        Path run = Files.createDirectories(temp.resolve("exec/storage/" + factory().name()));
        DriverContext context = new HostDriverContext(run, new Mounter(), new FileSystemProbe());
        Path home = temp.resolve("data/storage/" + factory().name());
        Support support = factory().isSupported(home, context);
        assertTrue(support.supported(), support.reason());
        driver = factory().create(home, options(), context);
        reopen();
    }

    @AfterEach
    void unmountLeftovers() {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).run();
        }
    }

    @Test
    void createsAndRemovesLayers() throws Exception {
        driver.create("base", Optional.empty(), false);
        assertTrue(driver.exists("base"));
        assertTrue(Files.isDirectory(driver.files("base").directory()));
        driver.create("child", Optional.of("base"), true);
        assertTrue(driver.exists("child"));
        assertThrows(IOException.class, () -> driver.create("base", Optional.empty(), false));
        assertThrows(IOException.class, () -> driver.create("orphan", Optional.of("missing"), false));
        driver.remove("child");
        driver.remove("base");
        assertFalse(driver.exists("child"));
        assertFalse(driver.exists("base"));
        driver.remove("base"); // a missing layer is no error
    }

    @Test
    void keepsEveryKindOfFileFaithfully() throws Exception {
        String longName = "deep/" + "n".repeat(120) + "/file-with-a-name-longer-than-a-hundred-bytes-" + "x".repeat(60);
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] layerTar = new TarBuilder()
                .dir("bin", 0755, 0, 0)
                .file("bin/su", "setuid binary", 04755, 0, 0, Map.of())
                .file("bin/ping", "capable", 0755, 0, 0, Map.of("security.capability", capability))
                .file("bin/shared", "setgid", 02711, 1000, 1001, Map.of("user.note", "hello".getBytes()))
                .hardLink("bin/shared-link", "bin/shared")
                .dir("tmp", 01777, 0, 0)
                .dir("empty", 0700, 1234, 5678)
                .symlink("abs-link", "/bin/su")
                .symlink("rel-link", "../bin/ping")
                .node("fifo", TarEntry.FIFO, 0, 0)
                .node("null", TarEntry.CHAR_DEVICE, 1, 3)
                .node("loop", TarEntry.BLOCK_DEVICE, 7, 0)
                .dir("deep")
                .dir("deep/" + "n".repeat(120))
                .file(longName, "long")
                .file("trusted", "t", 0600, 7, 8, Map.of("trusted.berth", new byte[] {0, 1, 2, (byte) 255}))
                .bytes();
        ImageLayer layer = register(layerTar, Optional.empty());
        assertEquals(dev.berth.core.model.Digest.of(layerTar), layer.diffId());
        assertEquals(layer.diffId(), layer.chainId());

        Path root = mount(layer);
        FileStatus su = FileStatus.of(root.resolve("bin/su"));
        assertEquals(04755, su.permissions());
        assertEquals(1_600_000_000L, su.mtimeSeconds());
        FileStatus shared = FileStatus.of(root.resolve("bin/shared"));
        assertEquals(02711, shared.permissions());
        assertEquals(1000, shared.uid());
        assertEquals(1001, shared.gid());
        assertEquals(shared.inode(), FileStatus.of(root.resolve("bin/shared-link")).inode());
        assertEquals(01777, FileStatus.of(root.resolve("tmp")).permissions());
        assertEquals(1_600_000_000L, FileStatus.of(root.resolve("tmp")).mtimeSeconds());
        assertEquals(1234, FileStatus.of(root.resolve("empty")).uid());
        assertEquals(0, Files.list(root.resolve("empty")).count());
        assertEquals(Path.of("/bin/su"), Files.readSymbolicLink(root.resolve("abs-link")));
        assertEquals(Path.of("../bin/ping"), Files.readSymbolicLink(root.resolve("rel-link")));
        assertEquals(1_600_000_000L, FileStatus.of(root.resolve("abs-link")).mtimeSeconds());
        assertEquals(HostFiles.S_IFIFO, FileStatus.of(root.resolve("fifo")).type());
        FileStatus nul = FileStatus.of(root.resolve("null"));
        assertEquals(HostFiles.S_IFCHR, nul.type());
        assertEquals(HostFiles.device(1, 3), nul.rdev());
        assertEquals(HostFiles.device(7, 0), FileStatus.of(root.resolve("loop")).rdev());
        assertEquals("long", Files.readString(root.resolve(longName)));
        assertArrayEquals(capability, HostFiles.xattrs(root.resolve("bin/ping")).get("security.capability"));
        assertArrayEquals("hello".getBytes(), HostFiles.xattrs(root.resolve("bin/shared")).get("user.note"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, HostFiles.xattrs(root.resolve("trusted")).get("trusted.berth"));
        Map<String, String> applied = TreeSnapshot.of(root);
        unmount(layer);

        // The diff read back from the driver, applied again as another layer, gives the same tree.
        ImageLayer copy = register(diff(layer), Optional.empty(), "image:copy");
        Path again = mount(copy);
        assertEquals(applied, TreeSnapshot.of(again));
        unmount(copy);
        assertTrue(store.changes(layer).contains(new Change("bin/su", Change.Kind.ADDED)));
    }

    @Test
    void rebuildsEachLayersOriginalArchiveByteForByte() throws Exception {
        // docker save's busybox layers (written by Docker, padded to 10 KiB records) and a layer with PAX
        // headers, long names, a hard link and extended attributes: save and push need the exact bytes back.
        List<byte[]> layers = new ArrayList<>(Fixtures.entries("bb-docker-save.tar", n -> n.endsWith("/layer.tar")));
        layers.add(new TarBuilder()
                .dir("d" + "x".repeat(150))
                .file("d" + "x".repeat(150) + "/f", "content", 04755, 1, 2, Map.of("user.k", new byte[] {0, 1}))
                .hardLink("link", "d" + "x".repeat(150) + "/f")
                .file("empty", "")
                .bytes());
        Optional<Digest> parent = Optional.empty();
        for (byte[] original : layers) {
            ImageLayer layer = store.register(new ByteArrayInputStream(original), parent, Optional.empty(), "test:rebuild");
            ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
            store.writeOriginal(layer, rebuilt);
            assertEquals(Digest.of(original), layer.diffId());
            assertArrayEquals(original, rebuilt.toByteArray());
            parent = Optional.of(layer.chainId());
        }
    }

    @Test
    void appliesWhiteoutsAndOpaqueDirectoriesAndDiffsThemBack() throws Exception {
        ImageLayer base = register(new TarBuilder().dir("a").file("a/x", "x").file("a/y", "y").dir("d")
                .dir("d/sub").file("d/sub/z", "z").file("d/keep", "k").file("f", "f").bytes(), Optional.empty());
        byte[] changeset = new TarBuilder().file(".wh.f", "").dir("d").file("d/new", "n")
                .file("d/.wh..wh..opq", "").file("a/.wh.x", "").bytes();
        ImageLayer top = register(changeset, Optional.of(base.chainId()));

        Path root = mount(top);
        assertFalse(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("a/x"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(root.resolve("a/y")));
        assertEquals(Set.of("new"), names(root.resolve("d")), "the opaque marker hides the lower contents, "
                + "even though it comes after the directory's new entry");
        Map<String, String> expected = TreeSnapshot.of(root);
        unmount(top);

        List<Change> changes = store.changes(top);
        assertTrue(changes.contains(new Change("f", Change.Kind.DELETED)), changes.toString());
        assertTrue(changes.contains(new Change("a/x", Change.Kind.DELETED)), changes.toString());
        assertTrue(changes.contains(new Change("d/new", Change.Kind.ADDED)), changes.toString());
        assertFalse(changes.contains(new Change("a/y", Change.Kind.ADDED)), changes.toString());

        ImageLayer reapplied = register(diff(top), Optional.of(base.chainId()), "image:again");
        Path again = mount(reapplied);
        assertEquals(expected, TreeSnapshot.of(again));
        unmount(reapplied);
    }

    @Test
    void containerLayerWhoseFilesWereNeverMadeIsRemovedAndReleasesItsImage() throws Exception {
        ImageLayer base = register(new TarBuilder().file("f", "x").bytes(), Optional.empty());
        WritableLayer container = store.createWritable("c1", Optional.of(base.chainId()));
        // What a berth process killed between the container's record and the driver's files leaves.
        driver.remove(container.cacheId());

        store.removeWritable("c1");

        assertEquals(Optional.empty(), store.writable("c1"));
        assertFalse(store.get(base.chainId()).orElseThrow().owners().contains("container:c1"));
        assertTrue(driver.exists(base.cacheId()));
    }

    @Test
    void containerLayerSeesItsImageAndDiffsItsOwnChanges() throws Exception {
        ImageLayer base = register(new TarBuilder().dir("etc").file("etc/hosts", "h").file("etc/gone", "g")
                .dir("var").file("var/log", "l").bytes(), Optional.empty());
        WritableLayer container = store.createWritable("c1", Optional.of(base.chainId()));
        assertTrue(store.get(base.chainId()).orElseThrow().owners().contains("container:c1"));
        Path root = mount(container);
        Files.writeString(root.resolve("etc/hosts"), "changed");
        Files.delete(root.resolve("etc/gone"));
        Files.writeString(root.resolve("added"), "12345");
        Files.delete(root.resolve("var/log"));
        Files.delete(root.resolve("var"));
        Files.createDirectory(root.resolve("var"));
        Files.writeString(root.resolve("var/fresh"), "f");
        Map<String, String> expected = TreeSnapshot.of(root);
        unmount(container);

        List<Change> changes = store.changes(container);
        assertTrue(changes.contains(new Change("etc/hosts", Change.Kind.CHANGED)), changes.toString());
        assertTrue(changes.contains(new Change("etc/gone", Change.Kind.DELETED)), changes.toString());
        assertTrue(changes.contains(new Change("added", Change.Kind.ADDED)), changes.toString());
        assertTrue(store.size(container) >= "changed".length() + "12345".length() + 1);

        ImageLayer committed = register(diff(container), Optional.of(base.chainId()), "image:committed");
        Path again = mount(committed);
        assertEquals(expected, TreeSnapshot.of(again));
        unmount(committed);
        store.removeWritable("c1");
        assertFalse(driver.exists(container.cacheId()));
        assertFalse(store.get(base.chainId()).orElseThrow().owners().contains("container:c1"));
    }

    @Test
    void countsMountHolds() throws Exception {
        ImageLayer layer = register(new TarBuilder().file("hello", "hi").bytes(), Optional.empty());
        Path first = store.mount(layer);
        Path second = store.mount(layer);
        assertEquals(first, second);
        store.unmount(layer);
        assertEquals("hi", Files.readString(first.resolve("hello")), "one hold remains");
        store.unmount(layer);
        assertFalse(Files.exists(first.resolve("hello")));
    }

    @Test
    void storesASharedLayerOnceAndRemovesItWithItsLastOwner() throws Exception {
        byte[] tar = new TarBuilder().file("shared", "s").bytes();
        ImageLayer one = register(tar, Optional.empty(), "image:one");
        ImageLayer two = store.register(new ByteArrayInputStream(tar), Optional.empty(),
                Optional.of(one.diffId()), "image:two");
        assertEquals(one.cacheId(), two.cacheId());
        assertEquals(Set.of("image:one", "image:two"), two.owners());
        ImageLayer child = register(new TarBuilder().file("more", "m").bytes(), Optional.of(one.chainId()),
                "image:two");
        assertEquals(1, store.layers().stream().filter(l -> l.diffId().equals(one.diffId())).count());

        store.release(one.chainId(), "image:one");
        store.release(one.chainId(), "image:two");
        assertTrue(driver.exists(one.cacheId()), "the child layer still holds it");
        store.release(child.chainId(), "image:two");
        assertFalse(driver.exists(child.cacheId()));
        assertFalse(driver.exists(one.cacheId()));
        assertTrue(store.layers().isEmpty());
    }

    @Test
    void transfersAHoldFromOneOwnerToAnotherWithoutEverLeavingTheLayerUnheld() throws Exception {
        ImageLayer layer = register(new TarBuilder().file("held", "h").bytes(), Optional.empty(), "building:one");

        ImageLayer moved = store.transfer(layer.chainId(), "building:one", "image:one");
        assertEquals(Set.of("image:one"), moved.owners());
        assertEquals(Set.of("image:one"), store.get(layer.chainId()).orElseThrow().owners());
        assertTrue(driver.exists(layer.cacheId()));
        // A hold the layer does not have is nobody's to move: the new owner just joins.
        assertEquals(Set.of("image:one", "image:two"),
                store.transfer(layer.chainId(), "building:gone", "image:two").owners());
        assertThrows(NotFoundException.class, () -> store.transfer(Digest.of(new byte[] {1}), "image:one",
                "image:three"));
    }

    @Test
    void keepsALayerReleasedWhileMountedUntilAnOpenAfterItsUnmount() throws Exception {
        ImageLayer layer = register(new TarBuilder().file("kept", "k").bytes(), Optional.empty(), "image:one");
        Path mounted = store.mount(layer);
        store.release(layer.chainId(), "image:one");
        assertEquals("k", Files.readString(mounted.resolve("kept")), "a mounted layer stays while it is read");
        assertEquals(Set.of(), store.get(layer.chainId()).orElseThrow().owners());
        reopen();
        assertTrue(store.get(layer.chainId()).isPresent(), "still mounted: an open keeps it");
        store.unmount(layer);
        reopen();
        assertTrue(store.get(layer.chainId()).isEmpty(), "the next open after the unmount removes it");
        assertFalse(driver.exists(layer.cacheId()));
        reopen();
        assertTrue(store.layers().isEmpty());
    }

    @Test
    void aWriterKilledRightAfterCommittingLeavesItsLayersWhole() throws Exception {
        ImageLayer image = register(new TarBuilder().file("base", "b").bytes(), Optional.empty(), "image:one");
        WritableLayer container = store.createWritable("c1", Optional.of(image.chainId()));
        // What a kill between writing a layer's record and deleting its pending record leaves (a container
        // layer's pending record only in a store written before container layers stopped having one).
        Path incomplete = temp.resolve("data/layers/" + factory().name() + "/incomplete");
        String dead = "2147483647 1";
        Files.writeString(incomplete.resolve(image.cacheId() + ".json"), "{\"cache-id\":\"" + image.cacheId()
                + "\",\"writer\":\"" + dead + "\",\"holder\":\"image:one\"}");
        Files.writeString(incomplete.resolve(container.cacheId() + ".json"), "{\"cache-id\":\"" + container.cacheId()
                + "\",\"parent\":\"" + image.chainId() + "\",\"writer\":\"" + dead + "\",\"holder\":\"container:c1\"}");
        reopen();
        assertTrue(driver.exists(image.cacheId()), "the committed image layer keeps its files");
        assertTrue(driver.exists(container.cacheId()), "the committed writable layer keeps its files");
        assertEquals(Set.of("image:one", "container:c1"), store.get(image.chainId()).orElseThrow().owners());
        assertTrue(store.writable("c1").isPresent());
        try (var left = Files.list(incomplete)) {
            assertEquals(List.of(), left.toList(), "the pending records are settled");
        }
    }

    private void reopen() throws Exception {
        store = LayerStore.open(driver, factory().name(), temp.resolve("data"), temp.resolve("exec"), new Mounter(),
                notices::add);
    }

    @Test
    void refusesADamagedStreamAndLeavesNothing() throws Exception {
        byte[] tar = new TarBuilder().file("a", "a".repeat(5000)).file("b", "b").bytes();
        byte[] truncated = java.util.Arrays.copyOf(tar, 3000);
        assertThrows(dev.berth.core.InvalidInputException.class, () -> store.register(
                new ByteArrayInputStream(truncated), Optional.empty(), Optional.empty(), "image:x"));
        assertThrows(dev.berth.core.InvalidInputException.class, () -> store.register(
                new ByteArrayInputStream("not a tar at all".getBytes()), Optional.empty(), Optional.empty(),
                "image:x"));
        assertTrue(store.layers().isEmpty());
        assertEquals(0, layerDirectories());
    }

    /** How many layers the driver has on disk, judged by its files() directories' existence. */
    private long layerDirectories() throws IOException {
        try (var all = Files.walk(temp.resolve("data/storage"), 3)) {
            return all.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }

    protected ImageLayer register(byte[] tar, Optional<dev.berth.core.model.Digest> parent) throws Exception {
        return register(tar, parent, "image:test");
    }

    protected ImageLayer register(byte[] tar, Optional<dev.berth.core.model.Digest> parent, String owner)
            throws Exception {
        return store.register(new ByteArrayInputStream(tar), parent, Optional.empty(), owner);
    }

    protected Path mount(StoredLayer layer) throws Exception {
        Path root = store.mount(layer);
        cleanups.add(quietly(l -> {
            try {
                while (Files.exists(root) && isMounted(root)) {
                    store.unmount(l);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, layer));
        return root;
    }

    protected void unmount(StoredLayer layer) throws Exception {
        store.unmount(layer);
    }

    private static boolean isMounted(Path root) throws IOException {
        String wanted = root.toAbsolutePath().toString();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].equals(wanted));
    }

    private static <T> Runnable quietly(Consumer<T> action, T value) {
        return () -> action.accept(value);
    }

    protected byte[] diff(StoredLayer layer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.diff(layer, out);
        return out.toByteArray();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
