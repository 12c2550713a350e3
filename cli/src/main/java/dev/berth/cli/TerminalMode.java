package dev.berth.cli;

import dev.berth.spi.ConsoleSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The user's terminal during {@code run -it}: put in raw mode (keys go to the container as typed), its size
 * read and followed (SIGWINCH), and restored afterwards. Done with {@code stty} on the inherited terminal,
 * which needs no native code in the JVM.
 */
public final class TerminalMode implements AutoCloseable {

    private final String saved;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Raw mode, or nothing when standard input is no terminal. */
    public static TerminalMode raw(boolean stdinIsTerminal) {
        if (!stdinIsTerminal) {
            return new TerminalMode(null);
        }
        Optional<String> saved = stty("-g");
        stty("raw", "-echo");
        return new TerminalMode(saved.orElse(null));
    }

    /** The terminal's size, when standard input is one. */
    public static Optional<ConsoleSize> size(boolean stdinIsTerminal) {
        if (!stdinIsTerminal) {
            return Optional.empty();
        }
        return stty("size").flatMap(text -> {
            String[] parts = text.strip().split("\\s+");
            try {
                return Optional.of(new ConsoleSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Calls {@code onResize} with the new size whenever the terminal is resized. */
    @SuppressWarnings("restriction")
    public static void onResize(boolean stdinIsTerminal, Consumer<ConsoleSize> onResize) {
        if (!stdinIsTerminal) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> size(true).ifPresent(onResize));
        } catch (IllegalArgumentException e) {
            // No SIGWINCH on this platform: the size stays as it started.
        }
    }

    private static Optional<String> stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved);
        }
    }
}
