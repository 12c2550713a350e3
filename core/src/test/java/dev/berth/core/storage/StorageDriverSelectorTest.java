package dev.berth.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.host.FileSystemProbe;
import dev.berth.core.host.HostDriverContext;
import dev.berth.core.host.Mounter;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.core.plugin.PluginFactory;
import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageDriverSelectorTest {

    @TempDir
    Path root;

    /** A factory whose probe answers what the test says. */
    private record Probed(String name, Support support) implements StorageDriverFactory {
        @Override
        public Support isSupported(Path home, DriverContext context) {
            return support;
        }

        @Override
        public StorageDriver create(Path home, Map<String, String> options, DriverContext context)
                throws StorageDriverException {
            throw new StorageDriverException("not needed here");
        }
    }

    private StorageDriverSelector selector(Support overlay, Support vfs) {
        FactoryCatalog<StorageDriverFactory> catalog = new FactoryCatalog<>("storage driver",
                Map.of("overlay", () -> new Probed("overlay", overlay), "vfs", () -> new Probed("vfs", vfs)),
                List.of(new PluginFactory<>(new Probed("naivecopy", Support.yes()), "naivecopy",
                        Path.of("/plugins/naive.jar"))));
        return new StorageDriverSelector(catalog, root.resolve("storage"),
                name -> new HostDriverContext(root.resolve("run").resolve(name), new Mounter(), new FileSystemProbe()));
    }

    @Test
    void overlayWhenItsProbePasses() throws Exception {
        SelectedDriver selected = selector(Support.yes(), Support.yes()).select(Optional.empty());
        assertEquals("overlay", selected.name());
        assertEquals(root.resolve("storage/overlay"), selected.home());
        assertEquals(Optional.empty(), selected.notice());
    }

    @Test
    void vfsWithANoticeWhenOverlayIsNotSupported() throws Exception {
        SelectedDriver selected = selector(Support.no("backing file system is overlayfs"), Support.yes())
                .select(Optional.empty());
        assertEquals("vfs", selected.name());
        String notice = selected.notice().orElseThrow();
        assertTrue(notice.contains("overlay storage driver is not supported here (backing file system is overlayfs)")
                && notice.contains("using the vfs storage driver"), notice);
        assertEquals(1, notice.lines().count());
    }

    @Test
    void theNamedDriverIsUsed() throws Exception {
        assertEquals("naivecopy", selector(Support.yes(), Support.yes()).select(Optional.of("naivecopy")).name());
    }

    @Test
    void anUnknownNameListsTheValidChoices() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> selector(Support.yes(), Support.yes()).select(Optional.of("zfs")));
        assertEquals("unknown storage driver \"zfs\"; valid choices are overlay, vfs, naivecopy", e.getMessage());
    }

    @Test
    void aNamedDriverThatIsNotSupportedIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> selector(Support.no("no d_type"), Support.yes()).select(Optional.of("overlay")));
        assertTrue(e.getMessage().contains("no d_type"), e.getMessage());
    }

    @Test
    void theDriverThatHoldsDataIsKept() throws Exception {
        Files.createDirectories(root.resolve("storage/vfs/dir/abc"));
        assertEquals("vfs", selector(Support.yes(), Support.yes()).select(Optional.empty()).name());
    }

    @Test
    void dataOfSeveralDriversAsksTheUserToChoose() throws Exception {
        Files.createDirectories(root.resolve("storage/vfs/dir"));
        Files.createDirectories(root.resolve("storage/overlay/l"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> selector(Support.yes(), Support.yes()).select(Optional.empty()));
        assertTrue(e.getMessage().contains("overlay, vfs") && e.getMessage().contains("--storage-driver"),
                e.getMessage());
    }
}
