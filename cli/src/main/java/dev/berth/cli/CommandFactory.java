package dev.berth.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import picocli.CommandLine;

/** Serves picocli the command objects Dagger builds; anything else (picocli's own helpers) the default way. */
@Singleton
public final class CommandFactory implements CommandLine.IFactory {

    private final Map<Class<?>, Provider<Object>> commands;

    @Inject
    CommandFactory(Map<Class<?>, Provider<Object>> commands) {
        this.commands = commands;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Provider<Object> command = commands.get(type);
        return command != null ? type.cast(command.get()) : CommandLine.defaultFactory().create(type);
    }
}
