package dev.berth.cli.inject;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dev.berth.cli.GlobalOptions;
import dev.berth.cli.SelfCommand;
import dev.berth.cli.Streams;
import dev.berth.cli.command.BerthCommand;
import dev.berth.cli.command.CompletionCommand;
import dev.berth.cli.command.InspectCommand;
import dev.berth.cli.command.VersionCommand;
import dev.berth.cli.command.WarmupCommand;
import dev.berth.cli.command.container.CleanupCommand;
import dev.berth.cli.command.container.CommitCommand;
import dev.berth.cli.command.container.ContainerCommand;
import dev.berth.cli.command.container.ContainerPruneCommand;
import dev.berth.cli.command.container.CopyCommand;
import dev.berth.cli.command.container.CreateCommand;
import dev.berth.cli.command.container.DiffCommand;
import dev.berth.cli.command.container.ExecCommand;
import dev.berth.cli.command.container.ExportCommand;
import dev.berth.cli.command.container.KillCommand;
import dev.berth.cli.command.container.LogsCommand;
import dev.berth.cli.command.container.PauseCommand;
import dev.berth.cli.command.container.PsCommand;
import dev.berth.cli.command.container.RemoveCommand;
import dev.berth.cli.command.container.RenameCommand;
import dev.berth.cli.command.container.RestartCommand;
import dev.berth.cli.command.container.RunCommand;
import dev.berth.cli.command.container.StartCommand;
import dev.berth.cli.command.container.StatsCommand;
import dev.berth.cli.command.container.StopCommand;
import dev.berth.cli.command.container.TopCommand;
import dev.berth.cli.command.container.UnpauseCommand;
import dev.berth.cli.command.container.WaitCommand;
import dev.berth.cli.command.image.HistoryCommand;
import dev.berth.cli.command.image.ImageCommand;
import dev.berth.cli.command.image.ImagePruneCommand;
import dev.berth.cli.command.image.ImagesCommand;
import dev.berth.cli.command.image.ImportCommand;
import dev.berth.cli.command.image.LoadCommand;
import dev.berth.cli.command.image.PullCommand;
import dev.berth.cli.command.image.PushCommand;
import dev.berth.cli.command.image.RemoveImageCommand;
import dev.berth.cli.command.image.SaveCommand;
import dev.berth.cli.command.image.TagCommand;
import dev.berth.cli.command.registry.LoginCommand;
import dev.berth.cli.command.registry.LogoutCommand;
import dev.berth.cli.command.system.InfoCommand;
import dev.berth.cli.command.system.SystemCommand;
import dev.berth.cli.command.system.SystemDfCommand;
import dev.berth.cli.command.system.SystemPruneCommand;
import dev.berth.core.Notices;
import dev.berth.core.UncheckedBerthException;
import dev.berth.core.config.ConfigRequest;
import dev.berth.core.container.ExitCommand;
import jakarta.inject.Singleton;

/**
 * The command line's bindings: how core reaches the flags and the user, how a container's exit calls back
 * into berth, and every command class, so that picocli gets its commands from Dagger instead of reflection.
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
    abstract ExitCommand exitCommand(SelfCommand self);

    @Binds
    @IntoMap
    @ClassKey(BerthCommand.class)
    abstract Object berthCommand(BerthCommand command);

    @Binds
    @IntoMap
    @ClassKey(CleanupCommand.class)
    abstract Object cleanupCommand(CleanupCommand command);

    @Binds
    @IntoMap
    @ClassKey(CommitCommand.class)
    abstract Object commitCommand(CommitCommand command);

    @Binds
    @IntoMap
    @ClassKey(CompletionCommand.class)
    abstract Object completionCommand(CompletionCommand command);

    @Binds
    @IntoMap
    @ClassKey(ContainerCommand.class)
    abstract Object containerCommand(ContainerCommand command);

    @Binds
    @IntoMap
    @ClassKey(ContainerPruneCommand.class)
    abstract Object containerPruneCommand(ContainerPruneCommand command);

    @Binds
    @IntoMap
    @ClassKey(CopyCommand.class)
    abstract Object copyCommand(CopyCommand command);

    @Binds
    @IntoMap
    @ClassKey(CreateCommand.class)
    abstract Object createCommand(CreateCommand command);

    @Binds
    @IntoMap
    @ClassKey(DiffCommand.class)
    abstract Object diffCommand(DiffCommand command);

    @Binds
    @IntoMap
    @ClassKey(ExecCommand.class)
    abstract Object execCommand(ExecCommand command);

    @Binds
    @IntoMap
    @ClassKey(ExportCommand.class)
    abstract Object exportCommand(ExportCommand command);

    @Binds
    @IntoMap
    @ClassKey(HistoryCommand.class)
    abstract Object historyCommand(HistoryCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImageCommand.class)
    abstract Object imageCommand(ImageCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImagePruneCommand.class)
    abstract Object imagePruneCommand(ImagePruneCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImagesCommand.class)
    abstract Object imagesCommand(ImagesCommand command);

    @Binds
    @IntoMap
    @ClassKey(ImportCommand.class)
    abstract Object importCommand(ImportCommand command);

    @Binds
    @IntoMap
    @ClassKey(InfoCommand.class)
    abstract Object infoCommand(InfoCommand command);

    @Binds
    @IntoMap
    @ClassKey(InspectCommand.class)
    abstract Object inspectCommand(InspectCommand command);

    @Binds
    @IntoMap
    @ClassKey(KillCommand.class)
    abstract Object killCommand(KillCommand command);

    @Binds
    @IntoMap
    @ClassKey(LoadCommand.class)
    abstract Object loadCommand(LoadCommand command);

    @Binds
    @IntoMap
    @ClassKey(LogsCommand.class)
    abstract Object logsCommand(LogsCommand command);

    @Binds
    @IntoMap
    @ClassKey(PauseCommand.class)
    abstract Object pauseCommand(PauseCommand command);

    @Binds
    @IntoMap
    @ClassKey(PsCommand.class)
    abstract Object psCommand(PsCommand command);

    @Binds
    @IntoMap
    @ClassKey(RemoveCommand.class)
    abstract Object removeCommand(RemoveCommand command);

    @Binds
    @IntoMap
    @ClassKey(RemoveImageCommand.class)
    abstract Object removeImageCommand(RemoveImageCommand command);

    @Binds
    @IntoMap
    @ClassKey(RenameCommand.class)
    abstract Object renameCommand(RenameCommand command);

    @Binds
    @IntoMap
    @ClassKey(RestartCommand.class)
    abstract Object restartCommand(RestartCommand command);

    @Binds
    @IntoMap
    @ClassKey(RunCommand.class)
    abstract Object runCommand(RunCommand command);

    @Binds
    @IntoMap
    @ClassKey(SaveCommand.class)
    abstract Object saveCommand(SaveCommand command);

    @Binds
    @IntoMap
    @ClassKey(StartCommand.class)
    abstract Object startCommand(StartCommand command);

    @Binds
    @IntoMap
    @ClassKey(StatsCommand.class)
    abstract Object statsCommand(StatsCommand command);

    @Binds
    @IntoMap
    @ClassKey(StopCommand.class)
    abstract Object stopCommand(StopCommand command);

    @Binds
    @IntoMap
    @ClassKey(SystemCommand.class)
    abstract Object systemCommand(SystemCommand command);

    @Binds
    @IntoMap
    @ClassKey(SystemDfCommand.class)
    abstract Object systemDfCommand(SystemDfCommand command);

    @Binds
    @IntoMap
    @ClassKey(SystemPruneCommand.class)
    abstract Object systemPruneCommand(SystemPruneCommand command);

    @Binds
    @IntoMap
    @ClassKey(TagCommand.class)
    abstract Object tagCommand(TagCommand command);

    @Binds
    @IntoMap
    @ClassKey(TopCommand.class)
    abstract Object topCommand(TopCommand command);

    @Binds
    @IntoMap
    @ClassKey(UnpauseCommand.class)
    abstract Object unpauseCommand(UnpauseCommand command);

    @Binds
    @IntoMap
    @ClassKey(VersionCommand.class)
    abstract Object versionCommand(VersionCommand command);

    @Binds
    @IntoMap
    @ClassKey(WaitCommand.class)
    abstract Object waitCommand(WaitCommand command);

    @Binds
    @IntoMap
    @ClassKey(WarmupCommand.class)
    abstract Object warmupCommand(WarmupCommand command);

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
