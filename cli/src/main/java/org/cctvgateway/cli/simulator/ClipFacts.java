package org.cctvgateway.cli.simulator;

import java.util.List;
import org.cctvgateway.media.NalUnits;
import org.cctvgateway.media.SpsInfo;

/**
 * What a simulated camera declares about its stream (over ONVIF), read from the clip itself:
 * the picture size from its SPS, the bitrate from its size and length, the GOP from the
 * distance between its keyframes. A simulated camera never claims what it does not send.
 */
record ClipFacts(int width, int height, int bitrateKbps, int gopFrames) {

    static ClipFacts of(Clip clip) {
        int width = 0;
        int height = 0;
        long bytes = 0;
        int firstKey = -1;
        int gop = 0;
        List<List<byte[]>> units = clip.accessUnits();
        for (int i = 0; i < units.size(); i++) {
            boolean key = false;
            for (byte[] nal : units.get(i)) {
                bytes += nal.length;
                int type = NalUnits.type(clip.codec(), nal);
                key |= NalUnits.isRandomAccess(clip.codec(), type);
                boolean sps = NalUnits.isParameterSet(clip.codec(), type)
                        && type == (clip.codec() == org.cctvgateway.media.Codec.H264 ? NalUnits.H264_SPS : NalUnits.H265_SPS);
                if (sps && width == 0) {
                    SpsInfo info = SpsInfo.parse(clip.codec(), nal);
                    width = info.width();
                    height = info.height();
                }
            }
            if (key) {
                if (firstKey < 0) {
                    firstKey = i;
                } else if (gop == 0) {
                    gop = i - firstKey;
                }
            }
        }
        double seconds = units.size() / clip.fps();
        int kbps = (int) Math.round(bytes * 8 / 1000.0 / seconds);
        return new ClipFacts(width, height, kbps, gop);
    }
}
