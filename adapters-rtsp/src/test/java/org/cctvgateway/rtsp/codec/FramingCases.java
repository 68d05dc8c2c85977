package org.cctvgateway.rtsp.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The case table of {@link RtspFramingDecoder}: wire bytes and the items they split into. */
final class FramingCases {
    private FramingCases() {
    }

    /** A decoded item: a text message, or a frame when {@code channel >= 0}. */
    record Item(int channel, byte[] bytes) {
        static Item text(String s) {
            return new Item(-1, s.getBytes(StandardCharsets.ISO_8859_1));
        }

        static Item frame(int channel, byte[] payload) {
            return new Item(channel, payload);
        }

        byte[] wire() {
            if (channel < 0) {
                return bytes;
            }
            byte[] out = new byte[4 + bytes.length];
            out[0] = '$';
            out[1] = (byte) channel;
            out[2] = (byte) (bytes.length >> 8);
            out[3] = (byte) bytes.length;
            System.arraycopy(bytes, 0, out, 4, bytes.length);
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && i.channel == channel && java.util.Arrays.equals(i.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * channel + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return channel < 0 ? "text[" + new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "|") + "]"
                    : "frame[" + channel + ", " + bytes.length + " bytes]";
        }
    }

    record Case(String name, byte[] wire, List<Item> decoded, long discarded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OPTIONS_RESPONSE = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n"
            + "Public: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, GET_PARAMETER\r\n\r\n";
    static final String SDP = "v=0\r\no=- 0 0 IN IP4 10.0.0.5\r\ns=Media Presentation\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n";
    static final String DESCRIBE_RESPONSE = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n"
            + "Content-Base: rtsp://10.0.0.5/ch1/\r\ncontent-length: " + SDP.length() + "\r\n\r\n" + SDP;
    static final String GET_PARAMETER = "GET_PARAMETER rtsp://10.0.0.5/ch1/ RTSP/1.0\r\nCSeq: 7\r\n"
            + "Session: 12345678\r\n\r\n";
    static final String BARE_LF = "RTSP/1.0 200 OK\nCSeq: 3\n\n";

    static List<Case> cases() {
        byte[] rtp = new byte[1400];
        for (int i = 0; i < rtp.length; i++) {
            rtp[i] = (byte) (i * 7);
        }
        rtp[0] = (byte) 0x80;
        byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0};
        List<Case> cases = new ArrayList<>();
        cases.add(of("options response", 0, Item.text(OPTIONS_RESPONSE)));
        cases.add(of("describe response with sdp body", 0, Item.text(DESCRIBE_RESPONSE)));
        cases.add(of("request from a camera", 0, Item.text(GET_PARAMETER)));
        cases.add(of("rtp frame", 0, Item.frame(0, rtp)));
        cases.add(of("empty frame", 0, Item.frame(5, new byte[0])));
        cases.add(of("frames around a response", 0, Item.frame(0, rtp), Item.text(OPTIONS_RESPONSE),
                Item.frame(1, rtcp), Item.text(DESCRIBE_RESPONSE), Item.frame(0, rtp)));
        cases.add(of("bare LF line ends", 0, Item.text(BARE_LF)));
        cases.add(new Case("crlf and garbage between messages are skipped",
                concat(Item.text(OPTIONS_RESPONSE).wire(), "\r\nxx".getBytes(StandardCharsets.US_ASCII),
                        Item.frame(1, rtcp).wire()),
                List.of(Item.text(OPTIONS_RESPONSE), Item.frame(1, rtcp)), 4));
        cases.add(new Case("lower-case method is not a request",
                concat("play ".getBytes(StandardCharsets.US_ASCII), Item.frame(2, rtcp).wire()),
                List.of(Item.frame(2, rtcp)), 5));
        return cases;
    }

    private static Case of(String name, long discarded, Item... items) {
        byte[][] parts = new byte[items.length][];
        for (int i = 0; i < items.length; i++) {
            parts[i] = items[i].wire();
        }
        return new Case(name, concat(parts), List.of(items), discarded);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
