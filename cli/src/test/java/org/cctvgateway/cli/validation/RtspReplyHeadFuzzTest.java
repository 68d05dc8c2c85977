package org.cctvgateway.cli.validation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * The reply head the credential check reads from a camera is network input: any bytes either
 * parse or raise {@link RtspProtocolException}, nothing else. Seeds under
 * {@code RtspReplyHeadFuzzTestInputs/parsesOrRejects} replay in the normal run; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class RtspReplyHeadFuzzTest {
    @FuzzTest
    void parsesOrRejects(byte[] input) {
        try {
            RtspReplyHead.parse(input);
        } catch (RtspProtocolException expected) {
            // the one documented way to refuse a reply
        }
    }
}
