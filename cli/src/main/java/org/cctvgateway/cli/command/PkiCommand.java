package org.cctvgateway.cli.command;

import static org.cctvgateway.cli.command.CamerasCommand.audited;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.cli.runtime.AuditTrail;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.pki.AgencyCertificates;
import org.cctvgateway.pki.AgencyCredential;
import org.cctvgateway.pki.AgencyCredentialStore;
import org.cctvgateway.pki.GatewayCa;
import org.cctvgateway.pki.IssuedCertificate;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway pki init|issue|revoke|list}: the gateway's CA, agency certificates and agency
 * Digest credentials under {@code <dataDir>/pki/}.
 *
 * <p>{@code pki issue} prints the agency's Digest secret, and a generated PKCS#12 password, exactly
 * once (also in {@code --json}, for scripts): the gateway stores only a hash of the secret and
 * nothing of the password. Whoever runs the command hands them to the agency over a separate channel.
 *
 * <p>Every change is written to the audit log before the command reports it: {@code pki.init},
 * {@code certificate.issued} and {@code certificate.revoked} per certificate, {@code credentials.issued} and
 * {@code credentials.revoked} naming the agency's Digest user (never its secret or the PKCS#12 password).
 */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Manage the gateway's CA, agency certificates and agency credentials.",
        subcommands = {PkiCommand.Init.class, PkiCommand.Issue.class, PkiCommand.Revoke.class,
                       PkiCommand.ListCmd.class})
public final class PkiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pki init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Make the gateway's CA and its RTSPS server certificate.",
                           "Refuses to replace an existing CA unless --force is given."})
    static final class Init extends StateCommand {
        @Option(names = "--host", paramLabel = "NAME|IP",
                description = "A name or address clients use for this gateway (repeatable); localhost and "
                        + "127.0.0.1 are always included.")
        List<String> hosts = new ArrayList<>();

        @Option(names = "--force", description = "Replace an existing CA: every agency certificate issued by it "
                + "stops working and must be issued again.")
        boolean force;


        @Override
        public Integer call() {
            common.applyLogLevel();
            Path dir = data.dataDir();
            boolean replaced = GatewayCa.exists(dir);
            GatewayCa ca = GatewayCa.init(dir, hosts, force, clock);
            Path crl = new AgencyCertificates(dir).writeCrl(clock);
            try (AuditTrail audit = new AuditTrail(dir, clock)) {
                audited(audit, AuditEvent.of(AuditTypes.PKI_INIT, Map.of())
                        .with(AuditFields.CA_FINGERPRINT, ca.caFingerprint()).with(AuditFields.HOSTS, sans(ca))
                        .with("replaced", replaced).with(AuditFields.ACTOR, AuditTrail.commandLineActor())
                        .with(AuditFields.DETAILS, replaced ? "the gateway CA was replaced (--force); agency "
                                + "certificates issued by the previous CA no longer work"
                                : "the gateway CA and its server certificate were made"),
                        (replaced ? "the gateway CA was replaced" : "the gateway CA was made") + " in "
                                + ca.directory());
                return print(ca, crl, replaced);
            }
        }

        private int print(GatewayCa ca, Path crl, boolean replaced) {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> files = ca.files();
            if (common.json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("event", "pki-init");
                line.put("caSubject", ca.certificate().getSubjectX500Principal().getName());
                line.put("caFingerprint", ca.caFingerprint());
                line.put("caCertificate", files.get(0).toString());
                line.put("caKey", files.get(1).toString());
                line.put("serverCertificate", files.get(2).toString());
                line.put("serverKey", files.get(3).toString());
                line.put("crl", crl.toString());
                line.put("serverNames", sans(ca));
                line.put("replaced", replaced);
                JsonLines.print(out, line);
                return 0;
            }
            out.println((replaced ? "replaced" : "made") + " the gateway CA "
                    + ca.certificate().getSubjectX500Principal().getName() + " in " + ca.directory());
            out.println("  CA certificate      " + files.get(0) + "  (give it to agencies to check the gateway)");
            out.println("  CA key              " + files.get(1) + "  (owner-only; back it up, never share it)");
            out.println("  server certificate  " + files.get(2) + "  (for " + String.join(", ", sans(ca)) + ")");
            out.println("  server key          " + files.get(3));
            out.println("  CRL                 " + crl);
            out.println("CA fingerprint SHA-256 " + ca.caFingerprint());
            if (replaced) {
                out.println("Every agency certificate issued by the previous CA no longer works: issue new ones with "
                        + "'cctv-gateway pki issue --agency NAME'.");
            }
            out.flush();
            return 0;
        }

        private static List<String> sans(GatewayCa ca) {
            List<String> names = new ArrayList<>();
            try {
                if (ca.serverCertificate().getSubjectAlternativeNames() != null) {
                    ca.serverCertificate().getSubjectAlternativeNames()
                            .forEach(l -> names.add(String.valueOf(l.get(1))));
                }
            } catch (java.security.cert.CertificateParsingException e) {
                throw new IllegalStateException("the certificate just made cannot be parsed", e);
            }
            return names;
        }
    }

    /** {@code pki issue}. */
    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Issue a client certificate (PEM and PKCS#12) and RTSP Digest credentials for an agency.",
                           "The Digest secret and a generated PKCS#12 password are shown only this once."})
    static final class Issue extends StateCommand {
        @Option(names = "--agency", required = true, paramLabel = "NAME",
                description = "The agency: 1-40 of a-z, 0-9, '-' (e.g. police).")
        String agency;

        @Option(names = "--valid", defaultValue = "90d", paramLabel = "DURATION",
                description = "How long the certificate is valid (e.g. 90d, at most 730d). Default: ${DEFAULT-VALUE}.")
        String valid;

        @Option(names = "--p12-password-env", paramLabel = "VAR",
                description = "Environment variable holding the PKCS#12 password; without it one is generated "
                        + "and shown once.")
        String p12PasswordEnv;

        @Option(names = "--no-credentials", description = "Issue only the certificate; keep the agency's Digest "
                + "credentials as they are (by default a new secret replaces the old one).")
        boolean noCredentials;

        Function<String, String> environment = System::getenv;

        @Override
        public Integer call() {
            common.applyLogLevel();
            Path dir = data.dataDir();
            Duration validity = duration("--valid", valid);
            Optional<String> password = Optional.empty();
            if (p12PasswordEnv != null) {
                String v = environment.apply(p12PasswordEnv);
                if (v == null || v.isEmpty()) {
                    throw new GatewayException("environment variable " + p12PasswordEnv + " is not set or empty",
                            "export it with the PKCS#12 password, or leave out --p12-password-env to generate one");
                }
                password = Optional.of(v);
            }
            try (AuditTrail audit = new AuditTrail(dir, clock)) {
                AgencyCertificates.Issued issued = new AgencyCertificates(dir).issue(agency, validity, password, clock);
                IssuedCertificate c = issued.certificate();
                audited(audit, AuditEvent.certificateIssued(c.agency(), c.serialHex(), c.notAfter())
                        .with(AuditFields.ACTOR, AuditTrail.commandLineActor()),
                        "certificate " + c.serialHex() + " was issued to agency " + c.agency());
                Optional<AgencyCredentialStore.NewSecret> secret = Optional.empty();
                if (!noCredentials) {
                    AgencyCredentialStore.NewSecret n = AgencyCredentialStore.open(dir).create(agency, clock);
                    audited(audit, AuditEvent.of(AuditTypes.CREDENTIALS_ISSUED, Map.of())
                            .with(AuditFields.AGENCY, agency).with(AuditFields.CREDENTIAL, n.username())
                            .with("realm", n.credential().realm()).with("replaced", n.replaced())
                            .with(AuditFields.ACTOR, AuditTrail.commandLineActor()),
                            "Digest credentials were issued to agency " + agency + " (certificate " + c.serialHex()
                                    + " too)");
                    secret = Optional.of(n);
                }
                return print(dir, issued, secret);
            }
        }

        private int print(Path dir, AgencyCertificates.Issued issued,
                          Optional<AgencyCredentialStore.NewSecret> secret) {
            IssuedCertificate c = issued.certificate();
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("event", "pki-issue");
                line.put("agency", c.agency());
                line.put("serial", c.serialHex());
                line.put("notBefore", c.notBefore().toString());
                line.put("notAfter", c.notAfter().toString());
                line.put("sha256", c.sha256());
                line.put("certificate", issued.certificateFile().toString());
                line.put("key", issued.keyFile().toString());
                line.put("pkcs12", issued.pkcs12File().toString());
                line.put("pkcs12PasswordFrom", issued.passwordGenerated() ? "generated" : "env:" + p12PasswordEnv);
                if (issued.passwordGenerated()) {
                    line.put("pkcs12Password", issued.pkcs12Password());
                }
                line.put("caCertificate", GatewayCa.caCertificateFile(dir).toString());
                secret.ifPresent(n -> {
                    line.put("digestRealm", n.credential().realm());
                    line.put("digestUser", n.username());
                    line.put("digestSecret", n.secret());
                    line.put("replacedCredentials", n.replaced());
                });
                line.put("shownOnce", true);
                JsonLines.print(out, line);
                return 0;
            }
            out.println("issued certificate " + c.serialHex() + " for agency " + c.agency() + ", valid until "
                    + c.notAfter());
            out.println("  certificate  " + issued.certificateFile() + "  (certificate, then the gateway CA)");
            out.println("  key          " + issued.keyFile() + "  (owner-only)");
            out.println("  PKCS#12      " + issued.pkcs12File() + "  (key, certificate and CA; owner-only)");
            if (issued.passwordGenerated()) {
                out.println("  PKCS#12 password  " + issued.pkcs12Password()
                        + "  (generated; shown only now and stored nowhere)");
            } else {
                out.println("  PKCS#12 password  the value of $" + p12PasswordEnv);
            }
            out.println("  gateway CA   " + GatewayCa.caCertificateFile(dir) + "  (lets the agency check the gateway)");
            out.println("  SHA-256      " + c.sha256());
            if (secret.isPresent()) {
                AgencyCredentialStore.NewSecret n = secret.get();
                out.println("RTSP Digest credentials for players that cannot present a certificate (realm "
                        + n.credential().realm() + "):");
                out.println("  user    " + n.username());
                out.println("  secret  " + n.secret());
                out.println("The secret is shown only now: the gateway keeps only its hash. Hand it and the files to "
                        + "the agency over separate channels." + (n.replaced() ? " The agency's previous secret no "
                        + "longer works." : ""));
            } else {
                out.println("Digest credentials of agency " + agency + " left as they were (--no-credentials).");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code pki revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke one certificate (--serial), or every certificate and the credentials of an "
                    + "agency (--agency), or only the credentials (--agency with --credentials-only).",
                           "Takes effect for new sessions within a second; the CRL is rewritten."})
    static final class Revoke extends StateCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--serial", paramLabel = "HEX", description = "The certificate's serial (see pki list).")
            String serial;

            @Option(names = "--agency", paramLabel = "NAME", description = "Every certificate and the credentials "
                    + "of this agency.")
            String agency;
        }

        @Option(names = "--credentials-only", description = "With --agency: revoke only the Digest credentials.")
        boolean credentialsOnly;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded with the revocation.")
        String reason;


        @Override
        public Integer call() {
            common.applyLogLevel();
            if (credentialsOnly && target.agency == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--credentials-only goes with --agency NAME, not --serial");
            }
            Path dir = data.dataDir();
            AgencyCertificates pki = new AgencyCertificates(dir);
            List<IssuedCertificate> certs = new ArrayList<>();
            Optional<AgencyCredential> creds = Optional.empty();
            if (target.serial != null) {
                pki.revokeSerial(target.serial, reason, clock).ifPresent(certs::add);
            } else if (!credentialsOnly) {
                certs.addAll(pki.revokeAgency(target.agency, reason, clock));
            }
            try (AuditTrail audit = new AuditTrail(dir, clock)) {
                for (IssuedCertificate c : certs) {
                    audited(audit, AuditEvent.certificateRevoked(c.agency(), c.serialHex(),
                            c.revocationReason().orElse(AgencyCertificates.DEFAULT_REASON))
                            .with(AuditFields.ACTOR, AuditTrail.commandLineActor()),
                            "certificate " + c.serialHex() + " of agency " + c.agency() + " was revoked");
                }
                if (target.agency != null) {
                    creds = AgencyCredentialStore.open(dir).revoke(target.agency, clock);
                    if (creds.isPresent()) {
                        audited(audit, AuditEvent.of(AuditTypes.CREDENTIALS_REVOKED, Map.of())
                                .with(AuditFields.AGENCY, target.agency).with(AuditFields.CREDENTIAL, target.agency)
                                .with("realm", creds.get().realm()).with(AuditFields.REASON, reason == null
                                        || reason.isBlank() ? AgencyCertificates.DEFAULT_REASON
                                        : reason.strip().replaceAll("\\s+", " "))
                                .with(AuditFields.ACTOR, AuditTrail.commandLineActor()),
                                "the Digest credentials of agency " + target.agency + " were revoked");
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            for (IssuedCertificate c : certs) {
                if (common.json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("event", "certificate-revoked");
                    line.put("serial", c.serialHex());
                    line.put("agency", c.agency());
                    line.put("revokedAt", c.revokedAt().orElseThrow().toString());
                    line.put("reason", c.revocationReason().orElseThrow());
                    JsonLines.print(out, line);
                } else {
                    out.println("revoked certificate " + c.serialHex() + " of agency " + c.agency() + " ("
                            + c.revocationReason().orElseThrow() + ")");
                }
            }
            if (creds.isPresent()) {
                if (common.json) {
                    JsonLines.print(out, Map.of("event", "credentials-revoked", "agency", creds.get().agency(),
                            "revokedAt", creds.get().revokedAt().orElseThrow().toString()));
                } else {
                    out.println("revoked the Digest credentials of agency " + creds.get().agency());
                }
            }
            if (certs.isEmpty() && creds.isEmpty()) {
                String what = target.serial != null ? "certificate " + IssuedCertificate.normalizeSerial(target.serial)
                        + " was already revoked" : "agency " + target.agency + " has nothing left to revoke";
                if (common.json) {
                    JsonLines.print(out, Map.of("event", "nothing-revoked", "detail", what));
                } else {
                    out.println("nothing revoked: " + what);
                }
            } else if (!common.json) {
                out.println("The CRL " + AgencyCertificates.crlFile(dir) + " is up to date; a running gateway refuses "
                        + "these for new sessions within a second.");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code pki list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List agency certificates with their status and whether the agency has credentials.")
    static final class ListCmd extends StateCommand {
        @Override
        public Integer call() {
            common.applyLogLevel();
            Path dir = data.dataDir();
            List<IssuedCertificate> certs = new AgencyCertificates(dir).list();
            Map<String, String> creds = new LinkedHashMap<>();
            for (AgencyCredential c : AgencyCredentialStore.open(dir).list()) {
                creds.put(c.agency(), c.active() ? "active" : "revoked");
            }
            Instant now = clock.instant();
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                for (IssuedCertificate c : certs) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("serial", c.serialHex());
                    line.put("agency", c.agency());
                    line.put("notBefore", c.notBefore().toString());
                    line.put("notAfter", c.notAfter().toString());
                    line.put("status", c.status(now).label());
                    c.revokedAt().ifPresent(r -> line.put("revokedAt", r.toString()));
                    c.revocationReason().ifPresent(r -> line.put("reason", r));
                    line.put("sha256", c.sha256());
                    line.put("credentials", creds.getOrDefault(c.agency(), "none"));
                    JsonLines.print(out, line);
                }
                return 0;
            }
            if (certs.isEmpty()) {
                out.println(GatewayCa.exists(dir) ? "no agency certificates issued yet; issue one with "
                        + "'cctv-gateway pki issue --agency NAME'" : "no gateway CA yet; run 'cctv-gateway pki init'");
                out.flush();
                return 0;
            }
            String fmt = "%-34s %-16s %-20s %-20s %-13s %s%n";
            out.printf(fmt, "SERIAL", "AGENCY", "VALID FROM", "VALID UNTIL", "STATUS", "CREDENTIALS");
            for (IssuedCertificate c : certs) {
                out.printf(fmt, c.serialHex(), c.agency(), c.notBefore(), c.notAfter(), c.status(now).label(),
                        creds.getOrDefault(c.agency(), "none"));
            }
            out.flush();
            return 0;
        }
    }

    static Duration duration(String option, String text) {
        try {
            return HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(option + ": " + e.getMessage(), "e.g. " + option + " 90d");
        }
    }
}
