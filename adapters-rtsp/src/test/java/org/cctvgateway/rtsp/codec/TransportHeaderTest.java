package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.cctvgateway.rtsp.codec.TransportHeader.LowerTransport;
import org.cctvgateway.rtsp.codec.TransportHeader.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransportHeaderTest {

    /** {@code wire} parses to {@code decoded}; {@code decoded.format()} equals {@code canonical}. */
    record Case(String name, String wire, TransportHeader decoded, String canonical) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        TransportHeader tcp = TransportHeader.tcpInterleaved(0);
        TransportHeader udp = TransportHeader.udpUnicast(5000);
        return List.of(
                new Case("tcp interleaved", "RTP/AVP/TCP;unicast;interleaved=0-1", tcp,
                        "RTP/AVP/TCP;unicast;interleaved=0-1"),
                new Case("udp client ports", "RTP/AVP;unicast;client_port=5000-5001", udp,
                        "RTP/AVP;unicast;client_port=5000-5001"),
                new Case("udp reply with server ports and ssrc",
                        "RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=1A2B3C4D;mode=\"PLAY\"",
                        udp.withServerPort(new PortRange(6970, 6971)).withSsrc(0x1A2B3C4DL).withMode("PLAY"),
                        "RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=1A2B3C4D;mode=\"PLAY\""),
                new Case("explicit UDP, names in other case, unquoted lower-case mode",
                        "rtp/avp/udp;UNICAST;Client_Port=5000-5001;mode=play", udp.withMode("PLAY"),
                        "RTP/AVP;unicast;client_port=5000-5001;mode=\"PLAY\""),
                new Case("short ssrc from a camera", "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=BEEF",
                        tcp.withSsrc(0xBEEF), "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=0000BEEF"),
                new Case("zero-padded 16-digit ssrc", "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=00000000DEADBEEF",
                        tcp.withSsrc(0xDEADBEEFL), "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=DEADBEEF"),
                new Case("single interleaved channel", "RTP/AVP/TCP;interleaved=4",
                        tcp.withInterleaved(new PortRange(4, 4)), "RTP/AVP/TCP;unicast;interleaved=4"),
                new Case("unknown parameters ignored", "RTP/AVP/TCP;unicast;interleaved=0-1;x-vendor=7;append",
                        tcp, "RTP/AVP/TCP;unicast;interleaved=0-1"),
                new Case("source and destination", "RTP/AVP;unicast;destination=10.0.0.9;source=10.0.0.5;"
                        + "client_port=5000-5001", udp.withDestination("10.0.0.9").withSource("10.0.0.5"),
                        "RTP/AVP;unicast;destination=10.0.0.9;source=10.0.0.5;client_port=5000-5001"),
                new Case("multicast", "RTP/AVP;multicast;destination=239.1.1.1;port=5004-5005;ttl=16",
                        new TransportHeader(Profile.RTP_AVP, LowerTransport.UDP, true, Optional.empty(),
                                Optional.empty(), Optional.empty(), Optional.of(new PortRange(5004, 5005)),
                                OptionalLong.empty(), Optional.empty(), OptionalInt.of(16),
                                Optional.of("239.1.1.1"), Optional.empty()),
                        "RTP/AVP;multicast;destination=239.1.1.1;ttl=16;port=5004-5005"),
                new Case("savp", "RTP/SAVP;unicast;client_port=5000-5001",
                        new TransportHeader(Profile.RTP_SAVP, LowerTransport.UDP, false, Optional.empty(),
                                Optional.of(PortRange.pair(5000)), Optional.empty(), Optional.empty(),
                                OptionalLong.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                                Optional.empty()),
                        "RTP/SAVP;unicast;client_port=5000-5001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        assertThat(TransportHeader.parse(c.wire())).isEqualTo(c.decoded());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formatsAndReparsesToTheSameValue(Case c) {
        assertThat(c.decoded().format()).isEqualTo(c.canonical());
        assertThat(TransportHeader.parse(c.decoded().format())).isEqualTo(c.decoded());
    }

    @Test
    void parsesAlternativesInOrderSkippingUnknownProfiles() {
        List<TransportHeader> list = TransportHeader.parseList(
                "RTP/AVP/TCP;unicast;interleaved=0-1, RAW/RAW/UDP;unicast,RTP/AVP;unicast;client_port=5000-5001");
        assertThat(list).containsExactly(TransportHeader.tcpInterleaved(0), TransportHeader.udpUnicast(5000));
        assertThat(TransportHeader.formatList(list))
                .isEqualTo("RTP/AVP/TCP;unicast;interleaved=0-1,RTP/AVP;unicast;client_port=5000-5001");
    }

    @Test
    void rejectsListWithoutKnownProfile() {
        assertThatThrownBy(() -> TransportHeader.parseList("MP2T/H2221/UDP;unicast"))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("offers no RTP/AVP");
    }

    record Bad(String wire, String message) {
    }

    static List<Bad> bad() {
        return List.of(
                new Bad("RTP/AVP/TCP;interleaved=0-256", "interleaved value 256 is above 255"),
                new Bad("RTP/AVP;client_port=70000-70001", "client_port value 70000 is above 65535"),
                new Bad("RTP/AVP;client_port=5001-5000", "has its high end below its low end"),
                new Bad("RTP/AVP;client_port=a-b", "client_port value 'a' is not a number 0-65535"),
                new Bad("RTP/AVP;ssrc=123456789", "ssrc '123456789' is not a 32-bit hex value"),
                new Bad("RTP/AVP;ssrc=XYZ", "ssrc 'XYZ' is not a 32-bit hex value"),
                new Bad("RTP/AVP;ttl=300", "ttl value 300 is above 255"),
                new Bad("RTP/AVP;destination=", "destination must have 1-255 characters"),
                new Bad("RTP/AVP/SCTP;unicast", "is not RTP/AVP or RTP/SAVP"),
                new Bad("RTP/AVP;unicast,RTP/AVP/TCP", "has several alternatives"),
                new Bad("RTP/AVP;" + "x".repeat(5000), "Transport header is 5008 characters, limit is 4096"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void rejectsMalformedValuesNamingThem(Bad b) {
        assertThatThrownBy(() -> TransportHeader.parse(b.wire()))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining(b.message());
    }

    @Test
    void rejectsTooManyAlternatives() {
        String header = String.join(",", java.util.Collections.nCopies(17, "RTP/AVP;unicast"));
        assertThatThrownBy(() -> TransportHeader.parseList(header))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("more than 16 alternatives");
    }

    @Test
    void singlePortImpliesRtcpOnTheNext() {
        assertThat(new PortRange(5000, 5000).rtcp()).isEqualTo(5001);
        assertThat(new PortRange(5000, 5003).rtcp()).isEqualTo(5003);
    }
}
