package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.NalUnits;

/** Builders and fixture readers shared by the RTP tests. */
public final class RtpTestSupport {
    private RtpTestSupport() {
    }

    /** The bytes of a 12-byte-header RTP packet. */
    public static byte[] wire(boolean marker, int pt, int seq, long ts, long ssrc, byte[] payload) {
        byte[] out = new byte[12 + payload.length];
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | pt);
        out[2] = (byte) (seq >> 8);
        out[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            out[4 + i] = (byte) (ts >> (24 - 8 * i));
            out[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, out, 12, payload.length);
        return out;
    }

    /** A packet that owns a copy of {@code payload}. */
    public static RtpPacket packet(boolean marker, int pt, int seq, long ts, byte[] payload) {
        return RtpPacket.of(marker, pt, seq & 0xFFFF, ts & 0xFFFF_FFFFL, 0x1234_5678L, pooled(payload));
    }

    /**
     * A pooled (leak-tracked) copy of {@code bytes}; unpooled heap buffers are not tracked by
     * Netty's leak detector, so tests use these to catch leaks.
     */
    public static ByteBuf pooled(byte[] bytes) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(bytes.length);
        return buf.writeBytes(bytes);
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    /** A NAL unit of {@code length} bytes: {@code header} then a counting pattern. */
    public static byte[] nal(byte[] header, int length) {
        byte[] nal = new byte[length];
        System.arraycopy(header, 0, nal, 0, header.length);
        for (int i = header.length; i < length; i++) {
            nal[i] = (byte) (i * 7 + 3);
        }
        return nal;
    }

    public static byte[] toArray(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }

    /** The NAL units of each unit as arrays. */
    public static List<List<byte[]>> nalArrays(List<AccessUnit> units) {
        List<List<byte[]>> out = new ArrayList<>();
        for (AccessUnit u : units) {
            List<byte[]> nals = new ArrayList<>();
            for (ByteBuf nal : u.nalUnits()) {
                nals.add(toArray(nal));
            }
            out.add(nals);
        }
        return out;
    }

    public static void releaseAll(List<? extends io.netty.util.ReferenceCounted> objects) {
        for (io.netty.util.ReferenceCounted o : objects) {
            o.release();
        }
        objects.clear();
    }

    public static byte[] resource(String path) {
        try (InputStream in = RtpTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The NAL units of an Annex B byte stream, without start codes. */
    public static List<byte[]> annexB(byte[] stream) {
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < stream.length) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && stream[end - 1] == 0) {
                        end--;
                    }
                    nals.add(Arrays.copyOfRange(stream, start, end));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < stream.length) {
            nals.add(Arrays.copyOfRange(stream, start, stream.length));
        }
        return nals;
    }

    /**
     * Access units of a one-slice-per-picture stream: the non-VCL NAL units before each VCL NAL
     * unit, plus that unit.
     */
    public static List<List<byte[]>> accessUnits(Codec codec, byte[] annexB) {
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        for (byte[] nal : annexB(annexB)) {
            pending.add(nal);
            if (NalUnits.isVcl(codec, NalUnits.type(codec, nal))) {
                units.add(pending);
                pending = new ArrayList<>();
            }
        }
        return units;
    }

    /** An access unit owning copies of {@code nals}. */
    public static AccessUnit unit(Codec codec, List<byte[]> nals, long ts) {
        List<ByteBuf> bufs = new ArrayList<>();
        boolean key = false;
        for (byte[] n : nals) {
            bufs.add(pooled(n));
            key |= NalUnits.isRandomAccess(codec, NalUnits.type(codec, n));
        }
        return new AccessUnit(codec, bufs, key, ts, 0, false, 0);
    }
}
