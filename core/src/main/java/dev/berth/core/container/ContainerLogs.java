package dev.berth.core.container;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads a container's log in Docker's json-file format ({@code {"log":"…\n","stream":"stdout","time":"…"}} per
 * line), which the runtime's monitor writes: {@code logs [--tail N] [--since T] [-f]}.
 */
public final class ContainerLogs {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final long FOLLOW_POLL_MILLIS = 50;

    private ContainerLogs() {
    }

    /** Receives log entries. */
    @FunctionalInterface
    public interface Sink {
        void accept(LogEntry entry) throws IOException;
    }

    /**
     * Reads the log: the last {@code tail} entries (all when empty) newer than {@code since}; with
     * {@code follow}, then every entry written until {@code running} turns false.
     */
    public static void read(Path log, Optional<Integer> tail, Optional<Instant> since, boolean follow,
                            BooleanSupplier running, Sink sink) throws BerthException {
        try {
            Deque<LogEntry> last = new ArrayDeque<>();
            long offset = readFrom(log, 0, entry -> {
                if (since.isPresent() && entry.time().isBefore(since.get())) {
                    return;
                }
                if (tail.isPresent()) {
                    last.addLast(entry);
                    if (last.size() > tail.get()) {
                        last.removeFirst();
                    }
                } else {
                    sink.accept(entry);
                }
            });
            for (LogEntry entry : last) {
                sink.accept(entry);
            }
            boolean ending = false;
            while (follow) {
                boolean stillRunning = running.getAsBoolean();
                offset = readFrom(log, offset, sink);
                if (ending) {
                    return;
                }
                if (!stillRunning) {
                    ending = true; // one more read, for what was written just before the end
                    continue;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the log " + log + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the complete lines from {@code offset} on; returns the offset after the last complete line. */
    private static long readFrom(Path log, long offset, Sink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.position(offset);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long consumed = offset;
            long pending = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                pending++;
                if (b == '\n') {
                    LogEntry entry = parse(line.toString(StandardCharsets.UTF_8));
                    if (entry != null) {
                        sink.accept(entry);
                    }
                    line.reset();
                    consumed += pending;
                    pending = 0;
                } else {
                    line.write(b);
                }
            }
            return consumed; // a partial last line is read again later, when complete
        } catch (NoSuchFileException e) {
            return offset;
        }
    }

    static LogEntry parse(String line) throws IOException {
        String text = null;
        String stream = "stdout";
        Instant time = Instant.EPOCH;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "log":
                        text = parser.getText();
                        break;
                    case "stream":
                        stream = parser.getText();
                        break;
                    case "time":
                        time = OffsetDateTime.parse(parser.getText()).toInstant();
                        break;
                    default:
                        parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return null;
        }
        return text == null ? null : new LogEntry(stream, text, time);
    }
}
