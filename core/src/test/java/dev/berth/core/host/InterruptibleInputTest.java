package dev.berth.core.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptibleInputTest {

    private static final int O_RDWR = 2;

    @TempDir
    Path temp;
    private int fd = -1;

    /** A fifo opened for reading and writing: it never reaches its end, like a terminal nobody types into. */
    private int openFifo() throws Exception {
        Path fifo = temp.resolve("input");
        HostFiles.createNode(fifo, HostFiles.S_IFIFO | 0600, 0);
        fd = HostFiles.open(fifo.toString(), O_RDWR | HostFiles.O_CLOEXEC, 0);
        return fd;
    }

    @AfterEach
    void close() {
        if (fd >= 0) {
            HostFiles.closeQuietly(fd);
        }
    }

    @Test
    void readsWhatArrivesIntoTheGivenPartOfTheBuffer() throws Exception {
        InterruptibleInput in = InterruptibleInput.of(openFifo());
        try (FileOutputStream writer = new FileOutputStream(temp.resolve("input").toFile())) {
            writer.write("typed".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] buffer = new byte[8];
        assertEquals(5, in.read(buffer, 2, 6));
        assertArrayEquals(new byte[] {0, 0, 't', 'y', 'p', 'e', 'd', 0}, buffer);
    }

    @Test
    void aReadThatWaitsForInputEndsWhenItsThreadIsInterrupted() throws Exception {
        InterruptibleInput in = InterruptibleInput.of(openFifo());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                in.read(new byte[16]);
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
            }
        });
        reader.start();
        Thread.sleep(150); // Waiting for input by now.
        assertTrue(reader.isAlive(), "nothing to read, so it waits");
        reader.interrupt();
        assertInstanceOf(InterruptedIOException.class, failure.get(2, TimeUnit.SECONDS));
        reader.join(2000);
        assertTrue(!reader.isAlive());
    }

    @Test
    void theEndOfTheInputIsMinusOne() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        fd = HostFiles.open(file.toString(), HostFiles.O_CLOEXEC, 0);
        InterruptibleInput in = InterruptibleInput.of(fd);
        assertEquals('x', in.read());
        assertEquals(-1, in.read());
    }
}
