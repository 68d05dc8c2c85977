package org.cctvgateway.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionDescriptionTest {
    static final byte[] H264_SPS = Base64.getDecoder().decode("Z2QACqzZQo2wEQAAAwABAAADABQPEiWW");
    static final byte[] H264_PPS = Base64.getDecoder().decode("aOvjyyLA");
    static final byte[] H265_VPS = Base64.getDecoder().decode("QAEMAf//AWAAAAMAkAAAAwAAAwAelZgJ");
    static final byte[] H265_SPS = Base64.getDecoder().decode(
            "QgEBAWAAAAMAkAAAAwAAAwAeoBQgYWWVmkkyvAWgIAAAAwAgAAADAUE=");
    static final byte[] H265_PPS = Base64.getDecoder().decode("RAHBcrRiQA==");
    static final ParameterSets H264_SETS = new ParameterSets(Codec.H264, null, H264_SPS, H264_PPS);
    static final ParameterSets H265_SETS = new ParameterSets(Codec.H265, H265_VPS, H265_SPS, H265_PPS);

    static String fixture(String name) {
        try (InputStream in = SessionDescriptionTest.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A camera's SDP and the video track the gateway must pick from it. */
    record Case(String file, int mediaCount, VideoTrack video) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cameras() {
        return Stream.of(
                new Case("hikvision-style-h264.sdp", 2, new VideoTrack(new TrackInfo(Codec.H264, 96, 90_000, H264_SETS),
                        Optional.of("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast"))),
                new Case("dahua-style-h265.sdp", 2, new VideoTrack(new TrackInfo(Codec.H265, 98, 90_000, H265_SETS),
                        Optional.of("trackID=0"))),
                new Case("axis-style-h264-aac.sdp", 2, new VideoTrack(new TrackInfo(Codec.H264, 96, 90_000, H264_SETS),
                        Optional.of("rtsp://192.168.0.90/axis-media/media.amp/stream=0?videocodec=h264"))),
                new Case("ffmpeg-rtp-h264.sdp", 1, new VideoTrack(new TrackInfo(Codec.H264, 96, 90_000, H264_SETS),
                        Optional.empty())),
                new Case("ffmpeg-rtp-h265.sdp", 1, new VideoTrack(new TrackInfo(Codec.H265, 96, 90_000, H265_SETS),
                        Optional.empty())),
                new Case("quirky-lf-only-hevc.sdp", 2, new VideoTrack(new TrackInfo(Codec.H265, 99, 90_000,
                        new ParameterSets(Codec.H265, null, H265_SPS, null)), Optional.of("track1"))));
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void picksTheVideoTrackOfCameraDescriptions(Case c) {
        SessionDescription sd = SessionDescription.parse(fixture(c.file()));
        assertThat(sd.media()).hasSize(c.mediaCount());
        assertThat(sd.firstSupportedVideo()).contains(c.video());
    }

    @Test
    void readsSessionAndMediaFieldsOfTheHikvisionLayout() {
        SessionDescription sd = SessionDescription.parse(fixture("hikvision-style-h264.sdp"));
        assertThat(sd.sessionName()).isEqualTo("Media Presentation");
        assertThat(sd.origin()).startsWith("- 1109162014219182 ");
        assertThat(sd.control()).contains("rtsp://192.168.1.64:554/Streaming/Channels/101/?transportmode=unicast");
        MediaDescription video = sd.media().get(0);
        assertThat(video.type()).isEqualTo("video");
        assertThat(video.port()).isZero();
        assertThat(video.protocol()).isEqualTo("RTP/AVP");
        assertThat(video.payloadTypes()).containsExactly(96);
        assertThat(video.rtpMaps()).containsEntry(96, new RtpMap("H264", 90_000, Optional.empty()));
        assertThat(video.fmtpOf(96)).containsEntry("packetization-mode", "1")
                .containsEntry("profile-level-id", "64000A");
        assertThat(video.otherAttributes()).containsEntry("recvonly", "").containsEntry("x-dimensions", "160,96");
        MediaDescription metadata = sd.media().get(1);
        assertThat(metadata.type()).isEqualTo("application");
        assertThat(metadata.rtpMaps().get(107).encodingName()).isEqualTo("isapi.metadata");
    }

    @Test
    void readsAudioRtpMapParametersAndSkipsAudio() {
        SessionDescription sd = SessionDescription.parse(fixture("axis-style-h264-aac.sdp"));
        MediaDescription audio = sd.media().get(1);
        assertThat(audio.rtpMaps().get(97)).isEqualTo(new RtpMap("MPEG4-GENERIC", 16_000, Optional.of("1")));
        assertThat(audio.fmtpOf(97)).containsEntry("config", "1408").containsEntry("sizeLength", "13");
        assertThat(sd.media().get(0).otherAttributes()).containsEntry("framerate", "30.000000");
    }

    @Test
    void findsNoVideoInAnAudioOnlyDescription() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=x\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\na=control:a\r\n";
        assertThat(SessionDescription.parse(sdp).firstSupportedVideo()).isEmpty();
    }

    @Test
    void skipsTracksOurDepacketizersCannotRead() {
        String sdp = "v=0\ns=x\n"
                + "m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=2\na=control:t0\n"
                + "m=video 0 RTP/AVP 97\na=rtpmap:97 H265/90000\na=fmtp:97 sprop-max-don-diff=2\na=control:t1\n"
                + "m=video 0 RTP/AVP 98 99\na=rtpmap:98 VP8/90000\na=rtpmap:99 h264/90000\na=control:t2\n";
        VideoTrack v = SessionDescription.parse(sdp).firstSupportedVideo().orElseThrow();
        assertThat(v.track().payloadType()).isEqualTo(99);
        assertThat(v.track().parameterSets()).isEqualTo(ParameterSets.empty(Codec.H264));
        assertThat(v.control()).contains("t2");
    }

    @Test
    void ignoresUnreadableSpropValuesAndKeepsTheGoodOnes() {
        String sdp = "v=0\ns=x\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=%%%,aOvjyyLA,QUJD\n";
        VideoTrack v = SessionDescription.parse(sdp).firstSupportedVideo().orElseThrow();
        assertThat(v.track().parameterSets()).isEqualTo(new ParameterSets(Codec.H264, null, null, H264_PPS));
        assertThat(v.track().parameterSets().complete()).isFalse();
    }

    @Test
    void readsFmtpKeysCaseInsensitivelyForTheTrack() {
        String sdp = "v=0\ns=x\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "a=fmtp:96 Packetization-Mode=1; Sprop-Parameter-Sets=Z2QACqzZQo2wEQAAAwABAAADABQPEiWW,aOvjyyLA;\n";
        assertThat(SessionDescription.parse(sdp).firstSupportedVideo().orElseThrow().track().parameterSets())
                .isEqualTo(H264_SETS);
    }

    record Bad(String name, String sdp, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> malformed() {
        return Stream.of(
                new Bad("empty", "", "no 'v=0'"),
                new Bad("not SDP", "<html>\n", "line 1: expected '<type>=<value>'"),
                new Bad("version 1", "v=1\n", "line 1: expected 'v=0' first"),
                new Bad("version not first", "s=x\nv=0\n", "line 1: expected 'v=0' first"),
                new Bad("second version", "v=0\nv=0\n", "line 2: second 'v='"),
                new Bad("line without equals", "v=0\ns=x\nhello\n", "line 3: expected"),
                new Bad("media line too short", "v=0\nm=video 0\n", "line 2: m= needs"),
                new Bad("port not a number", "v=0\nm=video x RTP/AVP 96\n", "line 2: m= port 'x' is not a number"),
                new Bad("port too big", "v=0\nm=video 70000 RTP/AVP 96\n", "m= port 70000 is outside 0..65535"),
                new Bad("payload type too big", "v=0\nm=video 0 RTP/AVP 300\n", "m= payload type 300 is outside"),
                new Bad("payload type not a number", "v=0\nm=video 0 RTP/AVP H264\n", "is not a number"),
                new Bad("rtpmap without clock", "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n",
                        "line 3: rtpmap needs"),
                new Bad("rtpmap clock zero", "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/0\n",
                        "rtpmap clock rate 0 is outside"),
                new Bad("rtpmap with no encoding", "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96\n", "rtpmap needs"),
                new Bad("fmtp payload type garbage", "v=0\nm=video 0 RTP/AVP 96\na=fmtp:x a=b\n",
                        "fmtp payload type 'x'"),
                new Bad("huge number", "v=0\nm=video 99999999999999999999 RTP/AVP 96\n", "is not a number"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsUnreadableDescriptionsNamingTheLine(Bad c) {
        assertThatThrownBy(() -> SessionDescription.parse(c.sdp())).isInstanceOf(SdpParseException.class)
                .hasMessageContaining(c.message());
    }

    @Test
    void rejectsTextOverTheSizeLimit() {
        String big = "v=0\n" + ("a=x:" + "y".repeat(1000) + "\n").repeat(70);
        assertThatThrownBy(() -> SessionDescription.parse(big)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("characters, limit is 65536");
    }

    @Test
    void rejectsTooManyLines() {
        String many = "v=0\n" + "a=x\n".repeat(1000);
        assertThatThrownBy(() -> SessionDescription.parse(many)).hasMessageContaining("more than 1000 lines");
    }

    @Test
    void rejectsATooLongLine() {
        String longLine = "v=0\ns=" + "x".repeat(4095) + "\n";
        assertThatThrownBy(() -> SessionDescription.parse(longLine))
                .hasMessageContaining("SDP line 2: line is 4097 characters, limit is 4096");
    }

    @Test
    void acceptsLinesAtTheLimits() {
        String text = "v=0\ns=" + "x".repeat(4094) + "\n" + "a=x\n".repeat(998);
        assertThat(SessionDescription.parse(text).sessionName()).hasSize(4094);
    }

    @Test
    void copiesCollectionsSoRecordsStayImmutable() {
        MediaDescription m = SessionDescription.parse(fixture("dahua-style-h265.sdp")).media().get(0);
        assertThatThrownBy(() -> m.fmtp().get(98).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.payloadTypes().add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m.otherAttributes()).isEqualTo(Map.of("framerate", "25.000000", "recvonly", ""));
        assertThat(List.copyOf(m.fmtpOf(98).keySet())).containsExactly("profile-id", "sprop-sps", "sprop-pps",
                "sprop-vps");
    }
}
