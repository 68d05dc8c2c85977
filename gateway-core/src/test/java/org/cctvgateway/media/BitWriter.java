package org.cctvgateway.media;

import java.io.ByteArrayOutputStream;

/**
 * Writes bits and Exp-Golomb codes, to build parameter sets with exactly the fields a test needs
 * (the encoders at hand never write some of them: SPS scaling lists, H.265 short-term sets).
 */
public final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bits;

    public BitWriter u(int n, long value) {
        for (int i = n - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >>> i) & 1);
            if (++bits == 8) {
                out.write(current);
                current = 0;
                bits = 0;
            }
        }
        return this;
    }

    public BitWriter flag(boolean b) {
        return u(1, b ? 1 : 0);
    }

    public BitWriter ue(long value) {
        long v = value + 1;
        int len = 64 - Long.numberOfLeadingZeros(v);
        u(len - 1, 0);
        return u(len, v);
    }

    public BitWriter se(long value) {
        return ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** rbsp_trailing_bits, then the bytes with emulation prevention inserted after {@code header}. */
    public byte[] toNal(byte... header) {
        u(1, 1);
        while (bits != 0) {
            u(1, 0);
        }
        ByteArrayOutputStream nal = new ByteArrayOutputStream();
        nal.writeBytes(header);
        int zeros = 0;
        for (byte b : out.toByteArray()) {
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                nal.write(3);
                zeros = 0;
            }
            nal.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return nal.toByteArray();
    }
}
