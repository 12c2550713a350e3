package dev.berth.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LayerReadAheadTest {

    /** Several times the read-ahead's pool, and not a multiple of its chunks. */
    private static final byte[] CONTENT = content(5_000_123);

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + (i * 7 + i / 1000) % 26);
        }
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void servesTheUncompressedBytesAndTheirDigest() throws Exception {
        for (byte[] archive : new byte[][] {CONTENT, gzip(CONTENT)}) {
            try (LayerReadAhead readAhead = LayerReadAhead.start(new ByteArrayInputStream(archive))) {
                InputStream in = readAhead.stream();
                assertEquals(CONTENT[0], (byte) in.read(), "a single byte");
                byte[] rest = in.readAllBytes();
                assertArrayEquals(Arrays.copyOfRange(CONTENT, 1, CONTENT.length), rest);
                assertEquals(-1, in.read());
                assertEquals(Digest.of(CONTENT), readAhead.diffId());
            }
        }
    }

    @Test
    void aDamagedArchiveFailsTheReadThatReachesTheDamageWithItsOwnException() throws Exception {
        byte[] compressed = gzip(CONTENT);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        try (LayerReadAhead readAhead = LayerReadAhead.start(new ByteArrayInputStream(truncated))) {
            InputStream in = readAhead.stream();
            byte[] start = in.readNBytes(100_000);
            assertArrayEquals(Arrays.copyOf(CONTENT, 100_000), start, "what came before the damage");
            assertThrows(EOFException.class, in::readAllBytes);
            assertThrows(EOFException.class, in::read, "and again, not an end of stream");
        }
    }

    @Test
    void aTimeOutOfTheSourceIsAFailureNotAStop() throws Exception {
        InputStream timingOut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("read timed out");
            }
        };
        try (LayerReadAhead readAhead = LayerReadAhead.start(timingOut)) {
            assertThrows(SocketTimeoutException.class, () -> readAhead.stream().read());
        }
    }

    @Test
    void closeStopsTheReadingWhenTheExtractionEndsEarly() throws Exception {
        AtomicLong read = new AtomicLong();
        InputStream counted = new ByteArrayInputStream(new byte[64 << 20]) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int n = super.read(buffer, offset, length);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        LayerReadAhead readAhead = LayerReadAhead.start(counted);
        readAhead.stream().read();
        assertTimeoutPreemptively(Duration.ofSeconds(5), readAhead::close);
        assertFalse(readingThreadAlive(), "close() waits for the thread to end");
        long atClose = read.get();
        Thread.sleep(200);
        assertEquals(atClose, read.get(), "nothing is read after close");
        assertTrue(atClose < (16 << 20), "the pool bounds how far it reads ahead: " + atClose);
    }

    @Test
    void closeInterruptsAReadThatWaitsForMoreData() throws Exception {
        PipedOutputStream download = new PipedOutputStream();
        PipedInputStream waiting = new PipedInputStream(download, 1 << 20);
        download.write(CONTENT, 0, 300_000); // A chunk and a bit: the read-ahead then waits for the rest.
        LayerReadAhead readAhead = LayerReadAhead.start(waiting);
        assertEquals(CONTENT[0], (byte) readAhead.stream().read());
        assertTimeoutPreemptively(Duration.ofSeconds(5), readAhead::close);
        assertFalse(readingThreadAlive(), "close() ended the read that waited");
    }

    private static boolean readingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("berth-read-layer"));
    }
}
