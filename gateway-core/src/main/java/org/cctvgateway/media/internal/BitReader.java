package org.cctvgateway.media.internal;

import org.cctvgateway.media.MediaFormatException;

/**
 * Reads the bits of a NAL unit's RBSP (raw byte sequence payload), most significant bit first,
 * with the Exp-Golomb codes of ITU-T H.264/H.265 clause 9.2. Every read is bounded: reading
 * past the end, or a code longer than 32 bits, throws {@link MediaFormatException} naming the
 * field, never an index exception. Each reader is single-use and not thread-safe.
 */
public final class BitReader {
    private final String what;
    private final byte[] data;
    private final long totalBits;
    private long pos;

    /**
     * Reads {@code rbsp} as is (emulation prevention already removed).
     *
     * @param what names the structure in error messages, e.g. "H.264 SPS"
     */
    public BitReader(String what, byte[] rbsp) {
        this.what = what;
        this.data = rbsp;
        this.totalBits = 8L * rbsp.length;
    }

    /**
     * A reader over a NAL unit's payload: skips the {@code headerBytes}-byte NAL header and
     * removes emulation-prevention bytes (a 0x03 after two zero bytes, H.264 7.4.1).
     *
     * @throws MediaFormatException when the unit is longer than {@code maxBytes} or shorter than
     *     its header
     */
    public static BitReader ofNalPayload(String what, byte[] nal, int headerBytes, int maxBytes) {
        if (nal.length > maxBytes) {
            throw new MediaFormatException(what + " is " + nal.length + " bytes, limit is " + maxBytes);
        }
        if (nal.length < headerBytes) {
            throw new MediaFormatException(what + " is " + nal.length + " bytes, shorter than its "
                    + headerBytes + "-byte NAL header");
        }
        return new BitReader(what, unescape(nal, headerBytes));
    }

    /** The payload from {@code offset} with emulation-prevention bytes removed. */
    public static byte[] unescape(byte[] nal, int offset) {
        byte[] out = new byte[nal.length - offset];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < nal.length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Reads one bit as a flag. */
    public boolean flag(String field) {
        return u(1, field) == 1;
    }

    /** Reads an unsigned fixed-length field of {@code n} bits, 0 to 32. */
    public long u(int n, String field) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bit count " + n + " outside 0..32");
        }
        need(n, field);
        long v = 0;
        for (int i = 0; i < n; i++) {
            int bit = (data[(int) (pos >>> 3)] >> (7 - (int) (pos & 7))) & 1;
            v = (v << 1) | bit;
            pos++;
        }
        return v;
    }

    /** Reads an unsigned field of at most 31 bits as an int. */
    public int ui(int n, String field) {
        if (n > 31) {
            throw new IllegalArgumentException("ui reads at most 31 bits, asked " + n);
        }
        return (int) u(n, field);
    }

    /** Skips {@code n} bits. */
    public void skip(long n, String field) {
        need(n, field);
        pos += n;
    }

    /** Reads {@code ue(v)}: 0 to 2^32 - 2. */
    public long ue(String field) {
        int zeros = 0;
        while (true) {
            need(1, field);
            int bit = (data[(int) (pos >>> 3)] >> (7 - (int) (pos & 7))) & 1;
            pos++;
            if (bit == 1) {
                break;
            }
            zeros++;
            if (zeros > 31) {
                throw new MediaFormatException(what + ": " + field + " Exp-Golomb code is longer than 32 bits");
            }
        }
        return (1L << zeros) - 1 + u(zeros, field);
    }

    /** Reads {@code ue(v)} and rejects a value above {@code max}, naming the field and the limit. */
    public int ue(String field, int max) {
        long v = ue(field);
        if (v > max) {
            throw new MediaFormatException(what + ": " + field + " is " + v + ", limit is " + max);
        }
        return (int) v;
    }

    /** Reads {@code se(v)}: -(2^31 - 1) to 2^31 - 1. */
    public long se(String field) {
        long k = ue(field);
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** Reads {@code se(v)} and rejects a value outside {@code min..max}. */
    public int se(String field, int min, int max) {
        long v = se(field);
        if (v < min || v > max) {
            throw new MediaFormatException(what + ": " + field + " is " + v + ", allowed " + min + ".." + max);
        }
        return (int) v;
    }

    private void need(long n, String field) {
        if (n > totalBits - pos) {
            throw new MediaFormatException(what + " ends before " + field + " (needs " + n + " bits at bit "
                    + pos + ", has " + (totalBits - pos) + ")");
        }
    }
}
