package dev.berth.storage.vfs;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.berth.spi.StorageDriverFactory;

/** Binds the vfs driver into berth's map of built-in storage drivers. */
@Module
public final class VfsModule {

    private VfsModule() {
    }

    @Provides
    @IntoMap
    @StringKey(VfsDriverFactory.NAME)
    static StorageDriverFactory vfs() {
        return new VfsDriverFactory();
    }
}
