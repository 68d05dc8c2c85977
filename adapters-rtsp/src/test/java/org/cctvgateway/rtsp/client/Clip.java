package org.cctvgateway.rtsp.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;

/** The access units of the fixture clip, split at its access unit delimiters. */
final class Clip {
    /** One access unit: NAL units without start codes, AUD dropped. */
    record Unit(List<byte[]> nals, boolean keyframe) {
        AccessUnit toAccessUnit(long timestamp) {
            List<ByteBuf> bufs = new ArrayList<>();
            for (byte[] n : nals) {
                bufs.add(Unpooled.wrappedBuffer(n));
            }
            return new AccessUnit(Codec.H264, bufs, keyframe, timestamp, 0, false, 0);
        }
    }

    private Clip() {
    }

    static List<Unit> load() {
        byte[] data;
        try (InputStream in = Clip.class.getResourceAsStream("clip-160x96.h264")) {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        for (int i = 0; i + 3 <= data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    nals.add(trim(Arrays.copyOfRange(data, start, i)));
                }
                start = i + 3;
                i += 2;
            }
        }
        nals.add(Arrays.copyOfRange(data, start, data.length));
        List<Unit> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        for (byte[] nal : nals) {
            int type = nal[0] & 0x1f;
            if (type == 9) {
                if (!current.isEmpty()) {
                    units.add(unit(current));
                }
                current = new ArrayList<>();
            } else {
                current.add(nal);
            }
        }
        units.add(unit(current));
        return List.copyOf(units);
    }

    private static Unit unit(List<byte[]> nals) {
        boolean key = nals.stream().anyMatch(n -> (n[0] & 0x1f) == 5);
        return new Unit(List.copyOf(nals), key);
    }

    /** Drops the zero byte of a 4-byte start code that ended up at the end of the previous NAL. */
    private static byte[] trim(byte[] nal) {
        int end = nal.length;
        while (end > 1 && nal[end - 1] == 0) {
            end--;
        }
        return end == nal.length ? nal : Arrays.copyOf(nal, end);
    }
}
