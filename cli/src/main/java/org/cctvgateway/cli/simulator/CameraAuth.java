package org.cctvgateway.cli.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.rtsp.codec.auth.UserSecret;

/** The login of a simulated camera: one user, RTSP Digest (SHA-256 and MD5), as real cameras ask. */
public final class CameraAuth {
    private CameraAuth() {
    }

    public static DigestAuthenticator forUser(String realm, String user, String password) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new DigestAuthenticator(DigestAuthenticator.Options.defaults(realm),
                DigestAuthenticator.users(Map.of(user, new UserSecret.Password(password))), secret,
                Clock.systemUTC(), random);
    }
}
