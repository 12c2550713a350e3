package dev.berth.runtime.linux;

import dev.berth.spi.Attachment;
import dev.berth.spi.ConsoleSize;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A client of a monitor's attach socket. Frames both ways are an 8-byte header (type, three zero bytes, a
 * big-endian length) and a payload: stdout 1, stderr 2 and exit 3 come in; stdin 0, close-stdin 1 and
 * resize 2 go out (see monitor.c).
 */
final class MonitorAttachment implements Attachment {

    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int EXIT = 3;
    private static final byte INPUT = 0;
    private static final byte CLOSE_INPUT = 1;
    private static final byte RESIZE = 2;
    private static final int MAX_PAYLOAD = 32768;

    private final SocketChannel channel;
    private final Object writeLock = new Object();

    private MonitorAttachment(SocketChannel channel) {
        this.channel = channel;
    }

    static MonitorAttachment connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new MonitorAttachment(channel);
    }

    @Override
    public OptionalInt copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        ByteBuffer payload = ByteBuffer.allocate(MAX_PAYLOAD);
        for (;;) {
            header.clear();
            if (!readFully(header)) {
                return OptionalInt.empty();
            }
            int type = header.get(0);
            int length = header.getInt(4);
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("the monitor sent a frame of " + length + " bytes");
            }
            payload.clear().limit(length);
            if (!readFully(payload)) {
                return OptionalInt.empty();
            }
            if (type == EXIT) {
                return OptionalInt.of(payload.getInt(0));
            }
            OutputStream out = type == STDERR ? stderr : stdout;
            if (type == STDOUT || type == STDERR) {
                out.write(payload.array(), 0, length);
                out.flush();
            }
        }
    }

    private boolean readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeInput(byte[] data, int offset, int length) throws IOException {
        for (int at = 0; at < length; at += MAX_PAYLOAD) {
            int size = Math.min(MAX_PAYLOAD, length - at);
            send(INPUT, ByteBuffer.wrap(data, offset + at, size));
        }
    }

    @Override
    public void closeInput() throws IOException {
        send(CLOSE_INPUT, ByteBuffer.allocate(0));
    }

    @Override
    public void resize(ConsoleSize size) throws IOException {
        send(RESIZE, ByteBuffer.allocate(4).putShort((short) size.rows()).putShort((short) size.columns()).flip());
    }

    private void send(byte type, ByteBuffer payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).put(0, type).putInt(4, payload.remaining());
        synchronized (writeLock) {
            while (header.hasRemaining() || payload.hasRemaining()) {
                channel.write(new ByteBuffer[] {header, payload});
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
