package org.cctvgateway.rtsp.codec.auth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * Fuzz properties: challenge parsing and answering raise only {@link RtspProtocolException};
 * checking an arbitrary Authorization header never throws.
 */
class ChallengeFuzzTest {
    private static final DigestAuthenticator SERVER = new DigestAuthenticator(
            new DigestAuthenticator.Options("gateway", List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
                    java.time.Duration.ofMinutes(5), true),
            DigestAuthenticator.users(Map.of("viewer", new UserSecret.Password("s3cret"))), new byte[32],
            Clock.systemUTC(), new SecureRandom());

    @FuzzTest
    void challengesParseOrRaiseProtocolException(FuzzedDataProvider data) {
        String first = data.consumeString(600);
        String second = data.consumeRemainingAsString();
        ClientAuthenticator client = new ClientAuthenticator(new Credentials("viewer", "s3cret"), () -> "c");
        try {
            if (client.onChallenge(List.of(first, second))) {
                client.authorization("DESCRIBE", "rtsp://cam/x");
            }
        } catch (RtspProtocolException expected) {
            // Declared outcome for a malformed challenge.
        }
    }

    @FuzzTest
    void authorizationCheckNeverThrows(String header) {
        SERVER.verify("DESCRIBE", header);
    }
}
