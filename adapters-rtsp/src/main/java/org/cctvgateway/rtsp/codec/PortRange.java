package org.cctvgateway.rtsp.codec;

/**
 * A port or interleaved-channel pair of a Transport header ({@code client_port=5000-5001},
 * {@code interleaved=0-1}); a single value ({@code client_port=5000}) has {@code low == high}.
 */
public record PortRange(int low, int high) {
    public PortRange {
        if (low < 0 || high > 65535 || high < low) {
            throw new IllegalArgumentException("port range " + low + "-" + high
                    + " must satisfy 0 <= low <= high <= 65535");
        }
    }

    /** An RTP/RTCP pair {@code rtp, rtp + 1}. */
    public static PortRange pair(int rtp) {
        return new PortRange(rtp, rtp + 1);
    }

    /** The RTP port or channel. */
    public int rtp() {
        return low;
    }

    /** The RTCP port or channel: {@code high}, or {@code low + 1} when one value was given. */
    public int rtcp() {
        return high != low ? high : low + 1;
    }

    /** {@code low-high}, or {@code low} when both are equal. */
    public String format() {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
