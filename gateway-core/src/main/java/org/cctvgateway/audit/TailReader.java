package org.cctvgateway.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.cctvgateway.StorageException;

/**
 * Reads the end of {@code audit.log} on open: finds a torn tail (bytes after the last {@code '\n'}),
 * and checks that the last complete line is a record that chains to the line before it. Reads at
 * most three lines' worth of bytes, whatever the size of the log.
 */
final class TailReader {
    /**
     * @param last         the last complete record, null for an empty log
     * @param validEnd     the length of the log without its torn tail
     * @param droppedBytes the length of the torn tail
     */
    record Tail(AuditRecord last, long validEnd, long droppedBytes) {
    }

    private static final int SPAN = AuditJson.MAX_LINE_BYTES + 1;

    private TailReader() {
    }

    static Tail read(RandomAccessFile raf, Path file, String hint) throws IOException {
        long size = raf.length();
        if (size == 0) {
            return new Tail(null, 0, 0);
        }
        int window = (int) Math.min(size, 3L * SPAN);
        long start = size - window;
        byte[] buf = new byte[window];
        raf.seek(start);
        raf.readFully(buf);
        int lastNl = lastIndexOf(buf, window - 1);
        if (lastNl < 0) {
            if (start > 0) {
                throw refuse(file, "its last " + window + " bytes hold no line end, longer than any record can be",
                        hint);
            }
            return new Tail(null, 0, size);
        }
        long validEnd = start + lastNl + 1;
        long dropped = size - validEnd;
        if (dropped > SPAN) {
            throw refuse(file, "it ends in " + dropped + " bytes without a line end, more than a record can be", hint);
        }
        int prevNl = lastIndexOf(buf, lastNl - 1);
        if (prevNl < 0 && start > 0) {
            throw refuse(file, "its last line is longer than " + AuditJson.MAX_LINE_BYTES + " bytes", hint);
        }
        AuditRecord last = parse(file, Arrays.copyOfRange(buf, prevNl + 1, lastNl), "last", hint);
        if (prevNl < 0) {
            if (last.seq() != 1 || !last.prev().equals(AuditJson.ZERO_HASH)) {
                throw refuse(file, "its only record has seq " + last.seq() + " and does not start the chain", hint);
            }
            return new Tail(last, validEnd, dropped);
        }
        int beforeNl = lastIndexOf(buf, prevNl - 1);
        if (beforeNl < 0 && start > 0) {
            throw refuse(file, "its second-to-last line is longer than " + AuditJson.MAX_LINE_BYTES + " bytes", hint);
        }
        AuditRecord before = parse(file, Arrays.copyOfRange(buf, beforeNl + 1, prevNl), "second-to-last", hint);
        if (last.seq() != before.seq() + 1) {
            throw refuse(file, "its last record has seq " + last.seq() + " but follows record " + before.seq(), hint);
        }
        if (!last.prev().equals(before.hash())) {
            throw refuse(file, "record " + before.seq() + " does not match the hash record " + last.seq()
                    + " holds for it (altered)", hint);
        }
        return new Tail(last, validEnd, dropped);
    }

    private static AuditRecord parse(Path file, byte[] line, String which, String hint) {
        try {
            return AuditJson.decode(line);
        } catch (IllegalArgumentException e) {
            throw refuse(file, "its " + which + " line is not an audit record: " + e.getMessage(), hint);
        }
    }

    private static int lastIndexOf(byte[] buf, int from) {
        for (int i = from; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static StorageException refuse(Path file, String what, String hint) {
        return new StorageException("refusing to append to the audit log " + file + ": " + what, hint, null);
    }
}
