package dev.berth.examples.naivecopy;

import dev.berth.spi.StorageDriverContractTest;
import dev.berth.spi.StorageDriverFactory;

/** The example plugin's driver against the storage driver contract, unchanged. */
class NaiveCopyDriverContractIT extends StorageDriverContractTest {

    @Override
    protected StorageDriverFactory factory() {
        return new NaiveCopyDriverFactory();
    }
}
