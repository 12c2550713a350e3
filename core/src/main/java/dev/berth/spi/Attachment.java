package dev.berth.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * A connection to a running process's stdio, through the runtime's per-container monitor, from any berth
 * process. Output is delivered from the moment of attaching on (attach before start to see all of it);
 * closing detaches and leaves the process running.
 *
 * <p>{@link #copyOutput} runs on one thread while others write input or resize.
 */
public interface Attachment extends Closeable {

    /**
     * Copies the process's output until it exits or the attachment is closed. With a terminal, everything is
     * stdout.
     *
     * @return the process's exit code (128+N when killed by signal N), or empty when detached before the exit
     */
    OptionalInt copyOutput(OutputStream stdout, OutputStream stderr) throws IOException;

    /** Writes to the process's stdin; ignored unless the process was given an open stdin. */
    void writeInput(byte[] data, int offset, int length) throws IOException;

    /** Closes the process's stdin (it reads end-of-file); with a terminal, does nothing. */
    void closeInput() throws IOException;

    /** Tells the process's terminal its new size; without a terminal, does nothing. */
    void resize(ConsoleSize size) throws IOException;

    /** Detaches. */
    @Override
    void close() throws IOException;
}
