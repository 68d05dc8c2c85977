package org.cctvgateway.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.StreamInfo;
import org.cctvgateway.media.TrackInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SdpWriterTest {
    static final StreamInfo H264 = new StreamInfo(Codec.H264, 160, 96, 25, "High", "1.0",
            SessionDescriptionTest.H264_SETS);
    static final StreamInfo H265 = new StreamInfo(Codec.H265, 160, 96, 29.97, "Main", "3.0",
            SessionDescriptionTest.H265_SETS);

    @Test
    void writesTheH264DescriptionLineByLine() {
        String sdp = SdpWriter.describe(H264, "site-1/cam-07/main", "4242", "10.0.0.5", 96, "trackID=0");
        assertThat(sdp).isEqualTo("v=0\r\n"
                + "o=- 4242 1 IN IP4 10.0.0.5\r\n"
                + "s=site-1/cam-07/main\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:cctv-gateway\r\n"
                + "a=range:npt=0-\r\n"
                + "m=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1;profile-level-id=64000a;"
                + "sprop-parameter-sets=Z2QACqzZQo2wEQAAAwABAAADABQPEiWW,aOvjyyLA\r\n"
                + "a=framerate:25\r\n"
                + "a=control:trackID=0\r\n");
    }

    @Test
    void writesH265ParameterSetsAndAFractionalFrameRate() {
        String sdp = SdpWriter.describe(H265, "s", "1", "fd00::5", 97, "trackID=0");
        assertThat(sdp).contains("o=- 1 1 IN IP6 fd00::5\r\n")
                .contains("a=rtpmap:97 H265/90000\r\n")
                .contains("a=fmtp:97 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwAelZgJ;"
                        + "sprop-sps=QgEBAWAAAAMAkAAAAwAAAwAeoBQgYWWVmkkyvAWgIAAAAwAgAAADAUE=;"
                        + "sprop-pps=RAHBcrRiQA==\r\n")
                .contains("a=framerate:29.97\r\n");
    }

    static Stream<StreamInfo> streams() {
        return Stream.of(H264, H265,
                new StreamInfo(Codec.H264, 0, 0, 0, "", "", ParameterSets.empty(Codec.H264)),
                new StreamInfo(Codec.H265, 0, 0, 0, "", "", ParameterSets.empty(Codec.H265)));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void writesWhatTheParserReadsBack(StreamInfo info) {
        String sdp = SdpWriter.describe(info, "cam 7", "99", "192.0.2.1", 96, "rtsp://gw:8322/s/c/main/trackID=0");
        SessionDescription sd = SessionDescription.parse(sdp);
        assertThat(sd.sessionName()).isEqualTo("cam 7");
        assertThat(sd.firstSupportedVideo()).contains(new VideoTrack(
                new TrackInfo(info.codec(), 96, 90_000, info.parameterSets()),
                Optional.of("rtsp://gw:8322/s/c/main/trackID=0")));
        if (info.frameRate() == 0) {
            assertThat(sdp).doesNotContain("framerate");
        }
    }

    @Test
    void rejectsArgumentsThatWouldBreakTheSyntax() {
        assertThatThrownBy(() -> SdpWriter.describe(H264, "a\r\nm=audio", "1", "h", 96, "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionName");
        assertThatThrownBy(() -> SdpWriter.describe(H264, "s", "12a", "h", 96, "c"))
                .hasMessageContaining("sessionId '12a'");
        assertThatThrownBy(() -> SdpWriter.describe(H264, "s", "1", "h", 26, "c"))
                .hasMessageContaining("payload type 26");
        assertThatThrownBy(() -> SdpWriter.describe(H264, "s", "1", "h", 96, "track 0"))
                .hasMessageContaining("control");
    }
}
