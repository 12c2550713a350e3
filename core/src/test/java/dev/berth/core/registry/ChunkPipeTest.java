package dev.berth.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ChunkPipeTest {

    @Test
    void carriesEverythingInOrderThroughASmallBuffer() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        ChunkPipe pipe = new ChunkPipe(2);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.sink()) {
                for (int i = 0; i < data.length; i += 1000) {
                    out.write(data, i, Math.min(1000, data.length - i));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertArrayEquals(data, pipe.source().readAllBytes());
        writer.get();
    }

    @Test
    void aBrokenPipeStopsAWriterThatWaitsForRoom() throws Exception {
        ChunkPipe pipe = new ChunkPipe(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.sink()) {
                out.write(new byte[10 << 20]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        pipe.breakWith(new IOException("the registry went away"));
        Exception e = assertThrows(Exception.class, writer::get);
        assertEquals("the registry went away", e.getCause().getCause().getMessage());
        assertThrows(IOException.class, () -> pipe.source().read());
    }
}
