package dev.berth.cli.inject;

import dagger.BindsInstance;
import dagger.Component;
import dev.berth.cli.CommandFactory;
import dev.berth.cli.Environment;
import dev.berth.cli.GlobalOptions;
import dev.berth.cli.Streams;
import dev.berth.core.inject.CoreModule;
import dev.berth.core.inject.OpenResources;
import dev.berth.runtime.linux.LinuxRuntimeModule;
import dev.berth.storage.overlay.OverlayModule;
import dev.berth.storage.vfs.VfsModule;
import jakarta.inject.Singleton;

/** The one Dagger component: the command line wires core, the built-in drivers and the runtime. */
@Singleton
@Component(modules = {CoreModule.class, OverlayModule.class, VfsModule.class, LinuxRuntimeModule.class,
        CliModule.class})
public interface CliComponent {

    CommandFactory commandFactory();

    GlobalOptions globalOptions();

    OpenResources openResources();

    /** Builds the component for one invocation of the command line. */
    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder streams(Streams streams);

        @BindsInstance
        Builder environment(Environment environment);

        CliComponent build();
    }
}
