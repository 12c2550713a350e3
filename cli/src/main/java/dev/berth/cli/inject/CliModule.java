package dev.berth.cli.inject;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dev.berth.cli.GlobalOptions;
import dev.berth.cli.Streams;
import dev.berth.cli.command.BerthCommand;
import dev.berth.cli.command.CompletionCommand;
import dev.berth.cli.command.InfoCommand;
import dev.berth.cli.command.VersionCommand;
import dev.berth.cli.command.image.ImageCommand;
import dev.berth.cli.command.image.ImagePruneCommand;
import dev.berth.cli.command.image.ImportCommand;
import dev.berth.cli.command.image.LoadCommand;
import dev.berth.cli.command.image.PullCommand;
import dev.berth.cli.command.image.PushCommand;
import dev.berth.cli.command.image.RemoveImageCommand;
import dev.berth.cli.command.image.SaveCommand;
import dev.berth.cli.command.image.TagCommand;
import dev.berth.cli.command.registry.LoginCommand;
import dev.berth.cli.command.registry.LogoutCommand;
import dev.berth.core.Notices;
import dev.berth.core.UncheckedBerthException;
import dev.berth.core.config.ConfigRequest;
import jakarta.inject.Singleton;

/**
 * The command line's bindings: how core reaches the flags and the user, and every command class, so that
 * picocli gets its commands from Dagger instead of reflection.
 */
@Module
public abstract class CliModule {

    @Provides
    static ConfigRequest configRequest(GlobalOptions options) {
        return UncheckedBerthException.call(options::configRequest);
    }

    @Provides
    @Singleton
    static Notices notices(Streams streams) {
        return line -> streams.err().println("WARNING: " + line);
    }

    @Binds
    @IntoMap
    @ClassKey(BerthCommand.class)
    abstract Object berth(BerthCommand command);

    @Binds
    @IntoMap
    @ClassKey(VersionCommand.class)
    abstract Object version(VersionCommand command);

    @Binds
    @IntoMap
    @ClassKey(InfoCommand.class)
    abstract Object info(InfoCommand command);

    @Binds
    @IntoMap
    @ClassKey(CompletionCommand.class)
    abstract Object completion(CompletionCommand command);

    @Binds
    @IntoMap
    @ClassKey(LoadCommand.class)
    abstract Object loadCommand(LoadCommand command);

    @Binds
    @IntoMap
    @ClassKey(SaveCommand.class)
    abstract Object saveCommand(SaveCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImportCommand.class)
    abstract Object importCommand(ImportCommand command);

    @Binds
    @IntoMap
    @ClassKey(TagCommand.class)
    abstract Object tagCommand(TagCommand command);

    @Binds
    @IntoMap
    @ClassKey(RemoveImageCommand.class)
    abstract Object removeImageCommand(RemoveImageCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImagePruneCommand.class)
    abstract Object imagePruneCommand(ImagePruneCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImageCommand.class)
    abstract Object imageCommand(ImageCommand command);

    @Binds
    @IntoMap
    @ClassKey(PullCommand.class)
    abstract Object pullCommand(PullCommand command);

    @Binds
    @IntoMap
    @ClassKey(PushCommand.class)
    abstract Object pushCommand(PushCommand command);

    @Binds
    @IntoMap
    @ClassKey(LoginCommand.class)
    abstract Object loginCommand(LoginCommand command);

    @Binds
    @IntoMap
    @ClassKey(LogoutCommand.class)
    abstract Object logoutCommand(LogoutCommand command);
}
