package org.cctvgateway.cli.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.pki.GatewayCa;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as it serves agencies: the runtime on the gateway CA's server certificate, per-agency
 * access (client certificate or Digest) under the access policy with every session and refusal
 * audited, and the registry's consented cameras pulled and re-published as the registry changes.
 * {@link #close} stops it all in reverse order.
 */
public final class AgencyGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgencyGateway.class);

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private GatewayRuntime runtime;
    private EnrolledStreams streams;
    private String caFingerprint;

    private AgencyGateway() {
    }

    /**
     * Starts the gateway for agencies on {@code dataDir}, which must hold the gateway CA
     * ({@code pki init}). On failure everything already started is stopped before the exception leaves.
     *
     * @param policyFile the access policy; a missing file lets nobody watch
     * @param group an event loop group to share, or null for the runtime's own
     */
    public static AgencyGateway start(GatewayConfig cfg, Path dataDir, Path policyFile, VaultKey key,
                                      Function<String, String> env, PrometheusMeterRegistry registry,
                                      EventLoopGroup group, Clock clock) {
        AgencyGateway g = new AgencyGateway();
        try {
            GatewayCa ca = GatewayCa.load(dataDir);
            g.caFingerprint = ca.caFingerprint();
            AuditTrail audit = g.own(new AuditTrail(dataDir, clock));
            AgencyAccess access = g.own(new AgencyAccess(dataDir, policyFile, audit.log(), clock));
            byte[] nonceKey = new byte[32];
            new SecureRandom().nextBytes(nonceKey);
            DigestAuthenticator digest = new DigestAuthenticator(
                    DigestAuthenticator.Options.defaults(access.realm()), access.digestUsers(), nonceKey, clock,
                    new SecureRandom());
            CredentialsVault vault = g.own(CredentialsVault.open(dataDir, key));
            org.cctvgateway.pki.ReloadingFile<org.cctvgateway.registry.RegistrySnapshot> registryFile =
                    new org.cctvgateway.pki.ReloadingFile<>(dataDir.resolve(
                            org.cctvgateway.registry.RegistryStore.FILE_NAME),
                            org.cctvgateway.registry.RegistryStore::load, java.time.Duration.ofSeconds(1));
            g.runtime = g.own(GatewayRuntime.start(cfg, env, registry, io.micrometer.core.instrument.Clock.SYSTEM,
                    group, new GatewayRuntime.Extras(List.of(), Optional.of(ca.tlsMaterial()), Optional.of(access),
                            Optional.of(digest), Optional.of(registryFile::get))));
            if (!cfg.streams().isEmpty()) {
                log.warn("the {} stream(s) of the configuration file are pulled but no agency may watch them: only "
                        + "enrolled cameras with consent are served to agencies; enroll them with cctv-gateway "
                        + "enroll", cfg.streams().size());
            }
            g.streams = g.own(EnrolledStreams.start(g.runtime, dataDir, vault, cfg.ingest(), clock));
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    public GatewayRuntime runtime() {
        return runtime;
    }

    public EnrolledStreams streams() {
        return streams;
    }

    /** The SHA-256 fingerprint of the gateway CA agencies verify the gateway with. */
    public String caFingerprint() {
        return caFingerprint;
    }

    @Override
    public void close() {
        while (!owned.isEmpty()) {
            AutoCloseable r = owned.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
