package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** Fuzz property: parsing raises only {@link RtspProtocolException}; what parses re-formats to itself. */
class TransportHeaderFuzzTest {

    @FuzzTest
    void parsesOrRejectsAndRoundTrips(String header) {
        if (header == null) {
            // Jazzer passes null for a String parameter; no header reaches the parser as null.
            return;
        }
        List<TransportHeader> list;
        try {
            list = TransportHeader.parseList(header);
        } catch (RtspProtocolException expected) {
            return;
        }
        for (TransportHeader t : list) {
            assertThat(TransportHeader.parse(t.format())).isEqualTo(t);
        }
        assertThat(TransportHeader.parseList(TransportHeader.formatList(list))).isEqualTo(list);
    }
}
