package dev.berth.storage.overlay;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.berth.spi.StorageDriverFactory;

/** Binds the overlay driver into berth's map of built-in storage drivers. */
@Module
public final class OverlayModule {

    private OverlayModule() {
    }

    @Provides
    @IntoMap
    @StringKey(OverlayDriverFactory.NAME)
    static StorageDriverFactory overlay() {
        return new OverlayDriverFactory();
    }
}
