package dev.berth.runtime.linux;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.berth.spi.RuntimeFactory;

/** Binds the Linux runtime into berth's map of built-in runtimes. */
@Module
public final class LinuxRuntimeModule {

    private LinuxRuntimeModule() {
    }

    @Provides
    @IntoMap
    @StringKey(LinuxRuntimeFactory.NAME)
    static RuntimeFactory linux() {
        return new LinuxRuntimeFactory();
    }
}
