package org.cctvgateway.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads {@code audit.log} one line at a time with bounded memory: a line longer than
 * {@link AuditJson#MAX_LINE_BYTES} is skipped and reported by its length only.
 */
final class LineReader implements AutoCloseable {
    /**
     * One line.
     *
     * @param number     1-based line number
     * @param bytes      its bytes without {@code '\n'}, or null when it is longer than the limit
     * @param length     its length in bytes without {@code '\n'}
     * @param terminated false for a last line without {@code '\n'} (a torn tail)
     */
    record Line(long number, byte[] bytes, long length, boolean terminated) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] line = new byte[AuditJson.MAX_LINE_BYTES];
    private int pos;
    private int limit;
    private long number;

    LineReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        int n = 0;
        long length = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (length == 0) {
                    return null;
                }
                return line(n, length, false);
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            int room = Math.min(chunk, line.length - n);
            if (room > 0) {
                System.arraycopy(buf, start, line, n, room);
                n += room;
            }
            length += chunk;
            if (pos < limit) {
                pos++;
                return line(n, length, true);
            }
        }
    }

    private Line line(int n, long length, boolean terminated) {
        number++;
        return new Line(number, length > line.length ? null : Arrays.copyOf(line, n), length, terminated);
    }

    private boolean fill() throws IOException {
        int r = in.read(buf);
        if (r <= 0) {
            return false;
        }
        pos = 0;
        limit = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
