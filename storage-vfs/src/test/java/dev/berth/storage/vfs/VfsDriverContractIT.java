package dev.berth.storage.vfs;

import dev.berth.spi.StorageDriverContractTest;
import dev.berth.spi.StorageDriverFactory;

/** The vfs driver against the storage driver contract. */
class VfsDriverContractIT extends StorageDriverContractTest {

    @Override
    protected StorageDriverFactory factory() {
        return new VfsDriverFactory();
    }
}
