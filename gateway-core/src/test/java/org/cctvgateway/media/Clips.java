package org.cctvgateway.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The ffmpeg-made clips under {@code clips/} (see the README there) as NAL lists and access units. */
final class Clips {
    static final String H264_AUD = "h264-160x90-aud.h264";
    static final String H264_RESOLUTION_CHANGE = "h264-160x90-then-320x180.h264";
    static final String H265_AUD = "h265-160x90-aud.hevc";

    private Clips() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Clips.class.getResourceAsStream("clips/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing clip " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<byte[]>> accessUnits(Codec codec, String name) {
        return AnnexB.accessUnits(codec, bytes(name));
    }

    /** The clip's units with the NAL units that match {@code drop} removed. */
    static List<List<byte[]>> without(Codec codec, List<List<byte[]>> units, Predicate<byte[]> drop) {
        List<List<byte[]>> out = new ArrayList<>();
        for (List<byte[]> unit : units) {
            List<byte[]> kept = new ArrayList<>();
            for (byte[] nal : unit) {
                if (!drop.test(nal)) {
                    kept.add(nal);
                }
            }
            out.add(kept);
        }
        return out;
    }

    static Predicate<byte[]> parameterSets(Codec codec) {
        return nal -> NalUnits.isParameterSet(codec, NalUnits.type(codec, nal));
    }

    /** A new access unit owning pooled-like copies of the NAL units; the caller owns it. */
    static AccessUnit unit(Codec codec, List<byte[]> nals, long timestamp) {
        return unit(codec, nals, timestamp, 0, false);
    }

    static AccessUnit unit(Codec codec, List<byte[]> nals, long timestamp, long captureNanos, boolean cameraClock) {
        List<ByteBuf> bufs = new ArrayList<>();
        for (byte[] nal : nals) {
            bufs.add(Unpooled.copiedBuffer(nal));
        }
        return new AccessUnit(codec, bufs, AnnexB.isKeyframe(codec, nals), timestamp, captureNanos, cameraClock,
                timestamp * 1000);
    }

    /** The NAL types of a unit, in order. */
    static List<Integer> types(AccessUnit unit) {
        List<Integer> types = new ArrayList<>();
        for (ByteBuf nal : unit.nalUnits()) {
            types.add(NalUnits.type(unit.codec(), nal));
        }
        return types;
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
