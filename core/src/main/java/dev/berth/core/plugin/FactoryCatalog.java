package dev.berth.core.plugin;

import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The factories of one kind (storage drivers, runtimes) that berth can use: the built-in ones, then the
 * plugins'. A plugin that claims a name already taken is skipped and reported, so a plugin can never
 * replace a built-in.
 *
 * @param <T> the SPI type
 */
public final class FactoryCatalog<T> {

    private final Map<String, CatalogEntry<T>> entries;
    private final List<PluginProblem> problems;

    /**
     * @param kind     what the factories make, for messages ("storage driver")
     * @param builtIns the built-in factories by name
     * @param plugins  the factories found in plugin jars
     */
    public FactoryCatalog(String kind, Map<String, Provider<T>> builtIns, List<PluginFactory<T>> plugins) {
        Map<String, CatalogEntry<T>> all = new LinkedHashMap<>();
        new TreeMap<>(builtIns).forEach((name, factory) ->
                all.put(name, new CatalogEntry<>(name, factory.get(), Optional.empty())));
        List<PluginProblem> skipped = new ArrayList<>();
        for (PluginFactory<T> plugin : plugins) {
            CatalogEntry<T> taken = all.get(plugin.name());
            if (taken != null) {
                skipped.add(new PluginProblem(plugin.jar(), "its " + kind + " name \"" + plugin.name()
                        + "\" is already taken by " + (taken.isBuiltIn() ? "a built-in " + kind
                        : "the plugin " + taken.jar().get())));
            } else if (!plugin.name().matches("[a-z0-9][a-z0-9_.-]*")) {
                skipped.add(new PluginProblem(plugin.jar(), "its " + kind + " name \"" + plugin.name()
                        + "\" is not valid: use lower-case letters, digits, '.', '_' and '-'"));
            } else {
                all.put(plugin.name(), new CatalogEntry<>(plugin.name(), plugin.factory(), Optional.of(plugin.jar())));
            }
        }
        this.entries = Collections.unmodifiableMap(all);
        this.problems = List.copyOf(skipped);
    }

    public Optional<CatalogEntry<T>> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public List<CatalogEntry<T>> entries() {
        return List.copyOf(entries.values());
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Plugin factories that were skipped, with the reason. */
    public List<PluginProblem> problems() {
        return problems;
    }
}
