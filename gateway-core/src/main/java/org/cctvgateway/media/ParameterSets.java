package org.cctvgateway.media;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The parameter sets a decoder needs before a keyframe: VPS (H.265 only), SPS and PPS, each a
 * NAL unit without start code. Arrays are copied in and out, so instances are immutable.
 */
public record ParameterSets(Codec codec, byte[] vps, byte[] sps, byte[] pps) {
    public ParameterSets {
        Objects.requireNonNull(codec, "codec");
        vps = vps == null ? new byte[0] : vps.clone();
        sps = sps == null ? new byte[0] : sps.clone();
        pps = pps == null ? new byte[0] : pps.clone();
    }

    public static ParameterSets empty(Codec codec) {
        return new ParameterSets(codec, null, null, null);
    }

    @Override
    public byte[] vps() {
        return vps.clone();
    }

    @Override
    public byte[] sps() {
        return sps.clone();
    }

    @Override
    public byte[] pps() {
        return pps.clone();
    }

    /** True when every set the codec needs is present. */
    public boolean complete() {
        boolean base = sps.length > 0 && pps.length > 0;
        return codec == Codec.H264 ? base : base && vps.length > 0;
    }

    /** The sets present, in the order a decoder wants them (VPS, SPS, PPS). */
    public List<byte[]> inDecodingOrder() {
        java.util.ArrayList<byte[]> out = new java.util.ArrayList<>(3);
        if (codec == Codec.H265 && vps.length > 0) {
            out.add(vps.clone());
        }
        if (sps.length > 0) {
            out.add(sps.clone());
        }
        if (pps.length > 0) {
            out.add(pps.clone());
        }
        return out;
    }

    /** A copy with one set replaced, chosen by the NAL type of {@code nal}; other NAL types return this. */
    public ParameterSets with(byte[] nal) {
        int type = NalUnits.type(codec, nal);
        if (codec == Codec.H264) {
            if (type == NalUnits.H264_SPS) {
                return new ParameterSets(codec, vps, nal, pps);
            }
            if (type == NalUnits.H264_PPS) {
                return new ParameterSets(codec, vps, sps, nal);
            }
        } else {
            if (type == NalUnits.H265_VPS) {
                return new ParameterSets(codec, nal, sps, pps);
            }
            if (type == NalUnits.H265_SPS) {
                return new ParameterSets(codec, vps, nal, pps);
            }
            if (type == NalUnits.H265_PPS) {
                return new ParameterSets(codec, vps, sps, nal);
            }
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSets p && p.codec == codec && Arrays.equals(p.vps, vps)
                && Arrays.equals(p.sps, sps) && Arrays.equals(p.pps, pps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, Arrays.hashCode(vps), Arrays.hashCode(sps), Arrays.hashCode(pps));
    }

    @Override
    public String toString() {
        Base64.Encoder b = Base64.getEncoder();
        return "ParameterSets[" + codec + " vps=" + b.encodeToString(vps) + " sps=" + b.encodeToString(sps)
                + " pps=" + b.encodeToString(pps) + "]";
    }
}
