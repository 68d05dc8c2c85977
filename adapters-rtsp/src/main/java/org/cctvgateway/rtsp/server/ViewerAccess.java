package org.cctvgateway.rtsp.server;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Decides, per request, whether a viewer may watch a path, and hears how each admitted session
 * and each refusal ended, for the audit log. With a {@code ViewerAccess} set, the server has no
 * anonymous viewers: every DESCRIBE, SETUP and PLAY is admitted by {@link #admit}, which sees the
 * client certificate chain of the TLS connection (taken without verification at the handshake, so
 * that an untrusted, expired or revoked certificate can be refused with a 403 that names the
 * reason) or the Digest user the server verified.
 *
 * <p>Called on event loops: every method must return at once and must not block. Work that
 * blocks (writing the audit log durably) is done elsewhere and its stage completed when done: the
 * server answers the request only when the stage completes, so an audit record is on disk before
 * the action it records is acknowledged. Requests that arrive meanwhile on the same connection wait
 * in order. A stage that fails refuses the request (403): access fails closed.
 */
public interface ViewerAccess {
    /**
     * Whether the request may proceed.
     *
     * @return {@link Admission.Admitted} naming the agency, or a refusal with its status and reason
     */
    CompletionStage<Admission> admit(ViewerRequest request);

    /**
     * A session this access admitted has ended (TEARDOWN, time-out, slow viewer, close); the
     * server does not wait for the stage.
     */
    CompletionStage<Void> sessionEnded(SessionRecord session);

    /**
     * A request was refused: by {@link #admit}, or by the server itself before {@link #admit} could
     * name an agency (wrong Digest credentials; a connection that was challenged and closed without
     * ever presenting a certificate or credentials). The refusal is answered when the stage
     * completes, failed or not.
     */
    CompletionStage<Void> refused(Refusal refusal);

    /**
     * What is known of a request's viewer.
     *
     * @param method the RTSP method (DESCRIBE, SETUP, PLAY)
     * @param path the stream path asked for, e.g. {@code hotel-1/lobby/main}
     * @param remote the client's address
     * @param clientCertificates the chain the client presented in TLS, leaf first; empty when it
     *     presented none or the connection is plain RTSP. Not verified: that is {@link #admit}'s job
     * @param digestUser the user name whose Digest credentials the server verified on this request
     */
    record ViewerRequest(String method, String path, InetSocketAddress remote,
                         List<X509Certificate> clientCertificates, Optional<String> digestUser) {
        public ViewerRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(remote, "remote");
            clientCertificates = List.copyOf(clientCertificates);
            Objects.requireNonNull(digestUser, "digestUser");
        }
    }

    /** The outcome of {@link #admit}. */
    sealed interface Admission permits Admission.Admitted, Admission.Refused {
        /**
         * Admitted for an agency.
         *
         * @param agency the agency's name
         * @param credential how it proved it, for the audit: "certificate SERIAL" or "digest USER"
         */
        record Admitted(String agency, String credential) implements Admission {
            public Admitted {
                Objects.requireNonNull(agency, "agency");
                Objects.requireNonNull(credential, "credential");
            }
        }

        /**
         * Refused. A 401 comes with Digest challenges when the server has Digest authentication,
         * so a player without a certificate can try credentials; a 403 ends the matter.
         *
         * @param status 401 or 403
         * @param reason plain words, sent to the client in the status line's place and audited
         * @param agency the agency the request was made for, when one was identified
         */
        record Refused(int status, String reason, Optional<String> agency) implements Admission {
            public Refused {
                if (status != 401 && status != 403) {
                    throw new IllegalArgumentException("status is " + status + ", must be 401 or 403");
                }
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(agency, "agency");
            }
        }
    }

    /**
     * A refusal, as audited.
     *
     * @param method the request's method, or "CONNECTION" for a connection closed without credentials
     * @param path the path asked for, or empty when unknown
     */
    record Refusal(String method, String path, InetSocketAddress remote, int status, String reason,
                   Optional<String> agency, Instant time) {
        public Refusal {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * An admitted session that ended.
     *
     * @param bytes RTP bytes sent to the viewer
     * @param endReason why it ended, in plain words
     */
    record SessionRecord(String sessionId, String path, String agency, String credential, InetSocketAddress remote,
                         Instant start, Instant end, long bytes, String endReason) {
        public SessionRecord {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(endReason, "endReason");
        }
    }
}
