package dev.berth.cli.command;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Fields;
import dev.berth.core.BerthVersion;
import dev.berth.spi.RuntimeFactory;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/**
 * {@code berth version}: the client's and the engine's versions, laid out like {@code docker version}. It
 * reads no configuration and loads no plugin, so that it always answers, and fast.
 */
@Command(name = "version", description = "Show the berth version information")
public final class VersionCommand implements Runnable {

    private final Streams streams;
    private final Map<String, Provider<RuntimeFactory>> runtimes;

    @Inject
    VersionCommand(Streams streams, Map<String, Provider<RuntimeFactory>> runtimes) {
        this.streams = streams;
        this.runtimes = runtimes;
    }

    @Override
    public void run() {
        BerthVersion version = BerthVersion.current();
        String osArch = System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + goArch(System.getProperty("os.arch"));
        Fields fields = new Fields(streams.out(), 20);
        fields.heading("Client:");
        fields.field(1, "Version", version.version());
        fields.field(1, "Java version", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vendor") + ")");
        fields.field(1, "Built", version.built());
        fields.field(1, "OS/Arch", osArch);
        streams.out().println();
        fields.heading("Engine:");
        fields.field(1, "Version", version.version());
        fields.field(1, "OS/Arch", osArch);
        new TreeMap<>(runtimes).forEach((name, factory) -> {
            fields.heading(" " + name + ":");
            fields.field(2, "Version", factory.get().version());
        });
    }

    /** Docker names architectures the way Go does. */
    private static String goArch(String javaArch) {
        switch (javaArch) {
            case "aarch64":
                return "arm64";
            case "x86":
                return "386";
            default:
                return javaArch;
        }
    }
}
