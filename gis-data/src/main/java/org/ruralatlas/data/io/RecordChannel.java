package org.ruralatlas.data.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fixed-size records of a scratch file, written or read in order through one buffer of a bounded
 * size: the records of an external sort cost their buffer in the heap, never their number.
 */
final class RecordChannel implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final boolean writing;

    private RecordChannel(FileChannel channel, int bufferSize, boolean writing) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        this.writing = writing;
        if (!writing) {
            buffer.limit(0);
        }
    }

    /** Records appended to {@code file} (emptied first). */
    static RecordChannel writer(Path file, int bufferSize) throws IOException {
        return new RecordChannel(
                FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                bufferSize,
                true);
    }

    /** The records of {@code file}, from its start. */
    static RecordChannel reader(Path file, int bufferSize) throws IOException {
        return new RecordChannel(FileChannel.open(file, StandardOpenOption.READ), bufferSize, false);
    }

    /** The buffer, with room for a record of {@code size} bytes to be put at its position. */
    ByteBuffer put(int size) throws IOException {
        if (buffer.remaining() < size) {
            flush();
        }
        return buffer;
    }

    /** The buffer, positioned at the next record of {@code size} bytes, to be read with relative gets. */
    ByteBuffer next(int size) throws IOException {
        if (buffer.remaining() < size) {
            buffer.compact();
            while (buffer.position() < size) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException("a FlatGeobuf scratch file ended early");
                }
            }
            buffer.flip();
        }
        return buffer;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Writes what is buffered (when writing) and closes the file. */
    @Override
    public void close() throws IOException {
        try (channel) {
            if (writing) {
                flush();
            }
        }
    }
}
