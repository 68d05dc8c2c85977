package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.DeviceInfo;
import org.cctvgateway.registry.Facing;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.registry.StreamRoles;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.validation.Verdict;
import org.cctvgateway.vault.Argon2Settings;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CamerasCommandTest {
    private static final String CAMERA_PASSWORD = "Gate-Cam-Pw-7731";

    @TempDir
    Path data;

    @BeforeEach
    void enrollTwoCameras() {
        RegistryStore store = RegistryStore.open(data);
        store.addSite(new Site("hotel-1", "Hotel Sunrise", SiteType.HOTEL, "", "", "", Optional.empty()));
        store.addSite(new Site("school-2", "Gate School", SiteType.SCHOOL, "", "", "", Optional.empty()));
        store.enrollCamera(camera("lobby", "hotel-1"));
        store.enrollCamera(camera("gate", "school-2"));
        store.setState("lobby", CameraState.ACTIVE, "");
        store.recordConsent("lobby", new Consent("A. Sharma", Instant.parse("2026-01-01T00:00:00Z"),
                SharingMode.ON_REQUEST, Optional.empty(), "form 117"));
        store.recordCompliance("lobby", new ComplianceSummary("safe-city-baseline", "1.0", Verdict.FAIL,
                Instant.parse("2026-01-01T00:00:00Z"), List.of("device.firmware.known-vulnerable"), List.of()));
    }

    static Camera camera(String id, String site) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        DeviceInfo device = new DeviceInfo("Acme", "C10", "5.7.1", "SN1", "", "00:11:22:33:44:55", List.of(
                new StreamProfile("main", "mainStream", "H264", 1920, 1080, 25, "rtsp://10.0.0.5/main"),
                new StreamProfile("sub", "subStream", "H264", 640, 360, 15, "rtsp://10.0.0.5/sub")));
        return new Camera(id, site, "onvif", "10.0.0.5:80", device, Optional.of(new GeoPoint(18.9, 72.8)),
                Optional.of(new Facing(90, 84, 12)), new StreamRoles("main", Optional.of("sub")), Optional.empty(),
                CameraState.ENROLLED, Optional.empty(), t, t);
    }

    SitesCommandTest.Run cameras(String... args) {
        List<String> all = new ArrayList<>(List.of("cameras"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return SitesCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void listsCamerasFilteredBySiteAndState() throws Exception {
        SitesCommandTest.Run all = cameras("list");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("lobby").contains("gate").contains("on-request").contains("2 camera(s)");

        assertThat(cameras("list", "--site", "school-2").out()).contains("gate").doesNotContain("lobby");
        assertThat(cameras("list", "--state", "active", "--json").out().lines().toList()).hasSize(1);
        JsonNode j = cameras("list", "--state", "active", "--json").json();
        assertThat(j.get("id").asText()).isEqualTo("lobby");
        assertThat(j.get("served").asBoolean()).isTrue();
        assertThat(j.get("consent").get("sharing").asText()).isEqualTo("on-request");
        assertThat(cameras("list", "--state", "retired").out()).contains("No camera matches.");
    }

    @Test
    void showsEverythingOnRecordAsTextAndJson() throws Exception {
        SitesCommandTest.Run text = cameras("show", "lobby");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("Camera lobby on site hotel-1: active, served")
                .contains("sharing on-request, given by A. Sharma").contains("form 117")
                .contains("fail against safe-city-baseline 1.0").contains("device.firmware.known-vulnerable")
                .contains("-> /hotel-1/lobby/main").contains("-> /hotel-1/lobby/sub")
                .contains("bearing 90.0 deg");

        JsonNode j = cameras("show", "lobby", "--json").json();
        assertThat(j.get("device").get("profiles")).hasSize(2);
        assertThat(j.get("streams").get("sub").asText()).isEqualTo("sub");
        assertThat(j.get("compliance").get("verdict").asText()).isEqualTo("fail");
        assertThat(j.get("compliance").get("failing").get(0).asText()).isEqualTo("device.firmware.known-vulnerable");
        assertThat(j.get("facing").get("hfovDeg").asDouble()).isEqualTo(84);
        assertThat(j.has("password")).isFalse();

        assertThat(cameras("show", "gate").out()).contains("not served (it is enrolled)");
    }

    @Test
    void suspendResumeAndRetireSayWhatHappened() throws Exception {
        SitesCommandTest.Run s = cameras("suspend", "lobby", "--reason", "lens cleaning");
        assertThat(s.exit()).isZero();
        assertThat(s.out()).startsWith("Camera lobby suspended").contains("cctv-gateway cameras resume lobby");
        assertThat(cameras("suspend", "lobby").out()).startsWith("Camera lobby is already suspended; nothing changed");

        JsonNode resumed = cameras("resume", "lobby", "--json").json();
        assertThat(resumed.get("detail").asText()).isEqualTo("suspended -> active");
        assertThat(RegistryStore.open(data).snapshot().camera("lobby").orElseThrow().state())
                .isEqualTo(CameraState.ACTIVE);

        assertThat(cameras("resume", "gate").out()).contains("Camera gate is active. It is not served yet: no consent");

        SitesCommandTest.Run retired = cameras("retire", "gate", "--reason", "replaced", "--json");
        JsonNode rj = retired.json();
        assertThat(rj.get("action").asText()).isEqualTo("camera.state");
        assertThat(rj.get("detail").asText()).isEqualTo("active -> retired: replaced");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "resume|nope|1|error: camera nope is not on record (list the cameras with cctv-gateway cameras list)",
        "show|nope|1|error: camera nope is not on record",
        "suspend|Bad Id|1|error: camera id 'Bad Id' is not valid",
        "list|--state=paused|1|error: camera state 'paused' is not known",
        "list|--site=nope|1|error: site nope is not on record",
        "retire|--json|2|Missing required parameter: 'ID'"})
    void badInputGivesOneErrorLineAndLeavesTheRegistryByteIdentical(String cmd, String arg, int exit, String error)
            throws Exception {
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        SitesCommandTest.Run r = cameras(cmd, arg);
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err()).contains(error);
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(AuditLog.file(AuditLog.directory(data))).doesNotExist();
    }

    @Test
    void aRetiredCameraIsNotResumedAndTheFileStaysAsItWas() throws Exception {
        cameras("retire", "gate");
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        SitesCommandTest.Run r = cameras("resume", "gate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: camera gate is retired").contains("--camera-id NEW-ID");
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(new ObjectMapper().readTree(cameras("show", "gate", "--json").out()).get("state").asText())
                .isEqualTo("retired");
    }

    private CredentialsVault keyFileVault() {
        return CredentialsVault.open(data, VaultKey.resolve(Optional.empty(), data));
    }

    private Path keyFile() {
        return data.resolve(CredentialsVault.DIR).resolve(CredentialsVault.KEY_FILE_NAME);
    }

    @Test
    void suspendResumeAndRetireEachWriteOneRecordAndANoOpWritesNone() {
        cameras("suspend", "lobby", "--reason", "lens cleaning");
        AuditRecord suspended = SitesCommandTest.lastAuditRecord(data);
        assertThat(suspended.type()).isEqualTo(AuditTypes.REGISTRY_CHANGE);
        assertThat(suspended.fields()).containsEntry(AuditFields.SITE, "hotel-1")
                .containsEntry(AuditFields.CAMERA, "lobby").containsEntry(AuditFields.ACTION, "camera.state")
                .containsEntry(AuditFields.DETAILS, "active -> suspended: lens cleaning");
        assertThat(suspended.text(AuditFields.ACTOR).orElseThrow()).startsWith("cli:");

        assertThat(cameras("suspend", "lobby").out()).contains("nothing changed");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(1);

        cameras("resume", "lobby");
        assertThat(SitesCommandTest.lastAuditRecord(data).fields())
                .containsEntry(AuditFields.DETAILS, "suspended -> active");
        cameras("resume", "lobby");
        cameras("retire", "gate", "--reason", "replaced");
        AuditRecord retired = SitesCommandTest.lastAuditRecord(data);
        assertThat(retired.fields()).containsEntry(AuditFields.SITE, "school-2").containsEntry(AuditFields.CAMERA,
                "gate").containsEntry(AuditFields.DETAILS, "enrolled -> retired: replaced");
        cameras("retire", "gate");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(3);
        assertThat(data.resolve(CredentialsVault.DIR)).as("no vault: retire leaves it alone").doesNotExist();
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void retireDeletesTheStoredPasswordAndSaysSoWithoutTheSecret() throws Exception {
        try (CredentialsVault vault = keyFileVault()) {
            vault.put("gate", new Credentials("admin", CAMERA_PASSWORD));
            vault.put("lobby", new Credentials("admin", "Lobby-Pw-1"));
        }

        SitesCommandTest.Run r = cameras("retire", "gate");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Camera gate retired").contains("Its stored password was deleted from the vault");
        try (CredentialsVault vault = keyFileVault()) {
            assertThat(vault.cameraIds()).containsExactly("lobby");
        }
        assertThat(SitesCommandTest.lastAuditRecord(data).fields()).containsEntry(AuditFields.DETAILS,
                "enrolled -> retired; stored password deleted from the vault");
        assertThat(SitesCommandTest.auditText(data)).doesNotContain(CAMERA_PASSWORD).doesNotContain("Lobby-Pw-1");
        assertThat(r.out() + r.err()).doesNotContain(CAMERA_PASSWORD);
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void retireWithAVaultItCannotOpenStillRetiresAndSaysHowToDeleteThePasswordLater() throws Exception {
        try (CredentialsVault vault = keyFileVault()) {
            vault.put("gate", new Credentials("admin", CAMERA_PASSWORD));
        }
        byte[] rightKey = Files.readAllBytes(keyFile());
        byte[] wrongKey = new byte[rightKey.length];
        new SecureRandom().nextBytes(wrongKey);
        Files.write(keyFile(), wrongKey);

        SitesCommandTest.Run r = cameras("retire", "gate");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Camera gate retired").contains("note: the stored password of camera gate is "
                + "still in the vault").contains("does not open the vault")
                .contains("delete it later with: cctv-gateway cameras retire gate");
        assertThat(RegistryStore.open(data).snapshot().camera("gate").orElseThrow().state())
                .isEqualTo(CameraState.RETIRED);
        assertThat(SitesCommandTest.lastAuditRecord(data).text(AuditFields.DETAILS).orElseThrow())
                .startsWith("enrolled -> retired; stored password NOT deleted: the key file");

        Files.write(keyFile(), rightKey);
        SitesCommandTest.Run again = cameras("retire", "gate");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("already retired").contains("left in the vault, was deleted now");
        AuditRecord cleanup = SitesCommandTest.lastAuditRecord(data);
        assertThat(cleanup.fields()).containsEntry(AuditFields.ACTION, "vault.remove")
                .containsEntry(AuditFields.CAMERA, "gate");
        try (CredentialsVault vault = keyFileVault()) {
            assertThat(vault.cameraIds()).isEmpty();
        }
        assertThat(cameras("retire", "gate").out()).isEqualTo("Camera gate is already retired; nothing changed in "
                + "the registry.\n");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(2);
        assertThat(SitesCommandTest.auditText(data)).doesNotContain(CAMERA_PASSWORD);
    }

    @Test
    void retireOpensAPassphraseVaultFromTheVariableNamed() {
        try (CredentialsVault vault = CredentialsVault.open(data, new VaultKey.Passphrase("correct horse battery"),
                new Argon2Settings(64, 1, 1))) {
            vault.put("gate", new Credentials("admin", CAMERA_PASSWORD));
        }
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new CamerasCommand.Retire());
        CamerasCommand.Retire retire = cli.getCommand();
        retire.environment = Map.of("VAULT_PW", "correct horse battery")::get;
        cli.setOut(new PrintWriter(out, true));

        int exit = cli.execute("gate", "--vault-passphrase-env", "VAULT_PW", "--json", "--data-dir", data.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("\"vaultEntryDeleted\":true").doesNotContain("correct horse");
        assertThat(CredentialsVault.open(data, new VaultKey.Passphrase("correct horse battery")).cameraIds())
                .isEmpty();
    }

    @Test
    void retireRefusesAnUnsetPassphraseVariableBeforeChangingAnything() throws Exception {
        try (CredentialsVault vault = keyFileVault()) {
            vault.put("gate", new Credentials("admin", CAMERA_PASSWORD));
        }
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));

        SitesCommandTest.Run r = cameras("retire", "gate", "--vault-passphrase-env", "H6_SURELY_UNSET_VAULT_PW");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: environment variable H6_SURELY_UNSET_VAULT_PW (the vault passphrase) "
                + "is not set");
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(AuditLog.file(AuditLog.directory(data))).doesNotExist();
    }

    @Test
    void aChangeWhoseAuditRecordCannotBeWrittenIsReportedAsInEffectButNotAudited() throws Exception {
        Files.writeString(AuditLog.directory(data), "not a folder");

        SitesCommandTest.Run r = cameras("suspend", "lobby");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("Camera lobby suspended");
        assertThat(r.err()).startsWith("error: camera lobby was suspended and that change is in effect, but it is "
                + "NOT audited").contains("audit verify");
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(RegistryStore.open(data).snapshot().camera("lobby").orElseThrow().state())
                .isEqualTo(CameraState.SUSPENDED);
    }

    @Test
    void consentOnAnEnrolledCameraIsRecordedAuditedAndSaysResumeActivatesIt() {
        SitesCommandTest.Run r = cameras("consent", "gate", "--by", "R. Iyer, principal", "--sharing", "continuous",
                "--expires", "2099-12-31", "--note", "form 12");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Camera gate is now shared continuous with the consent of R. Iyer, principal "
                + "until 2100-01-01T00:00:00Z; it is enrolled but not yet active: cctv-gateway cameras resume gate "
                + "activates it.\n");
        Consent k = RegistryStore.open(data).snapshot().camera("gate").orElseThrow().consent().orElseThrow();
        assertThat(k.mode()).isEqualTo(SharingMode.CONTINUOUS);
        assertThat(k.consentedBy()).isEqualTo("R. Iyer, principal");
        assertThat(k.expiresAt()).contains(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(k.note()).isEqualTo("form 12");
        AuditRecord a = SitesCommandTest.lastAuditRecord(data);
        assertThat(a.type()).isEqualTo(AuditTypes.CONSENT);
        assertThat(a.fields()).containsEntry(AuditFields.CAMERA, "gate").containsEntry(AuditFields.SITE, "school-2")
                .containsEntry(AuditFields.CONSENT_BY, "R. Iyer, principal")
                .containsEntry(AuditFields.SHARING, "continuous")
                .containsEntry(AuditFields.EXPIRES, "2100-01-01T00:00:00Z").containsEntry("note", "form 12");

        SitesCommandTest.Run same = cameras("consent", "gate", "--by", "R. Iyer, principal", "--sharing",
                "continuous", "--expires", "2100-01-01T00:00:00Z", "--note", "form 12");
        assertThat(same.out()).startsWith("Camera gate already has this consent on record").contains("nothing changed");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(1);

        assertThat(cameras("resume", "gate").out()).contains("Camera gate is active. It is served");
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void consentOnAnActiveCameraSaysServeRepublishesItOrWhenItIsServed() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode j = cameras("consent", "lobby", "--by", "A. Sharma", "--sharing", "continuous", "--for", "30d",
                "--json").json();
        Instant after = Instant.now();
        assertThat(j.get("changed").asBoolean()).isTrue();
        assertThat(j.get("action").asText()).isEqualTo("camera.consent");
        assertThat(j.get("detail").asText()).contains("sharing continuous by A. Sharma until ").endsWith(
                "(was on-request)");
        assertThat(j.get("served").asBoolean()).isTrue();
        assertThat(Instant.parse(j.get("expiresAt").asText())).isBetween(before.plus(Duration.ofDays(30)),
                after.plus(Duration.ofDays(30)));
        assertThat(SitesCommandTest.lastAuditRecord(data).text(AuditFields.EXPIRES)).contains(
                j.get("expiresAt").asText());

        assertThat(cameras("consent", "lobby", "--by", "A. Sharma", "--sharing", "on-request").out())
                .endsWith("with no expiry; cctv-gateway serve re-publishes it to the agencies the access policy "
                        + "allows.\n");
        assertThat(cameras("consent", "lobby", "--by", "A. Sharma", "--sharing", "emergency_only").out())
                .contains("shared emergency-only", "served only while an emergency window is open for site hotel-1",
                        "cctv-gateway emergency open --site hotel-1");
        assertThat(cameras("consent", "lobby", "--by", "A. Sharma", "--sharing", "off").out())
                .isEqualTo("Camera lobby now has sharing off, as A. Sharma chose; it is not served.\n");
        assertThat(SitesCommandTest.auditRecords(data)).extracting(r -> r.fields().get(AuditFields.SHARING))
                .containsExactly("continuous", "on-request", "emergency-only", "off");
    }

    @Test
    void withdrawingConsentSetsSharingOffAndKeepsWhoAndWhen() {
        SitesCommandTest.Run r = cameras("consent", "lobby", "--withdraw");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Camera lobby: consent withdrawn by A. Sharma; sharing is off and it is not "
                + "served.").contains("cctv-gateway cameras consent lobby --by NAME --sharing MODE");
        Camera c = RegistryStore.open(data).snapshot().camera("lobby").orElseThrow();
        Consent k = c.consent().orElseThrow();
        assertThat(k.mode()).isEqualTo(SharingMode.OFF);
        assertThat(k.consentedBy()).isEqualTo("A. Sharma");
        assertThat(k.consentedAt()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(k.expiresAt()).isEmpty();
        assertThat(k.note()).isEqualTo("withdrawn; was on-request given by A. Sharma on 2026-01-01T00:00:00Z "
                + "(form 117)");
        assertThat(c.servableAt(Instant.now())).isFalse();
        AuditRecord a = SitesCommandTest.lastAuditRecord(data);
        assertThat(a.type()).isEqualTo(AuditTypes.CONSENT);
        assertThat(a.fields()).containsEntry(AuditFields.SHARING, "off").containsEntry("withdrawn", true)
                .containsEntry(AuditFields.CONSENT_BY, "A. Sharma").doesNotContainKey(AuditFields.EXPIRES);

        assertThat(cameras("consent", "lobby", "--withdraw", "--by", "B. Rao").out())
                .isEqualTo("Camera lobby already has sharing off; nothing to withdraw.\n");
        assertThat(cameras("consent", "gate", "--withdraw").out())
                .isEqualTo("Camera gate has no consent on record; nothing to withdraw.\n");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(1);
    }

    @Test
    void withdrawingNamesWhoWithdrewWhenGiven() {
        cameras("consent", "lobby", "--withdraw", "--by", "B. Rao, new owner", "--note", "email 2026-05-02");
        Consent k = RegistryStore.open(data).snapshot().camera("lobby").orElseThrow().consent().orElseThrow();
        assertThat(k.consentedBy()).isEqualTo("B. Rao, new owner");
        assertThat(k.note()).startsWith("email 2026-05-02; withdrawn; was on-request given by A. Sharma");
    }

    static List<Object[]> badConsent() {
        return List.of(
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "sometimes"}, 1,
                    "error: sharing mode 'sometimes' is not known (use one of continuous, on-request"},
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "continuous", "--expires", "2020-01-01"},
                    1, "error: --expires 2020-01-01 ends consent at 2020-01-02T00:00:00Z, which is not in the future"},
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "continuous", "--expires", "31/12/2099"},
                    1, "error: --expires '31/12/2099' is not a date or an instant"},
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "continuous", "--for", "0d"}, 1,
                    "error: --for 0d is not a positive duration"},
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "continuous", "--for", "soon"}, 1,
                    "error: --for: 'soon' is not a duration"},
                new Object[] {new String[] {"gate", "--by", "  ", "--sharing", "continuous"}, 1,
                    "error: consent has no name of who gave it"},
                new Object[] {new String[] {"nope", "--by", "X", "--sharing", "continuous"}, 1,
                    "error: camera nope is not on record (list the cameras with cctv-gateway cameras list)"},
                new Object[] {new String[] {"Bad Id", "--withdraw"}, 1, "error: camera id 'Bad Id' is not valid"},
                new Object[] {new String[] {"gate", "--sharing", "continuous"}, 2,
                    "give --by NAME and --sharing MODE to record consent, or --withdraw"},
                new Object[] {new String[] {"gate", "--withdraw", "--sharing", "off"}, 2,
                    "--withdraw goes without --sharing, --expires and --for"},
                new Object[] {new String[] {"gate", "--by", "X", "--sharing", "off", "--expires", "2099-01-01",
                    "--for", "1d"}, 2, "--expires and --for both say when consent ends"});
    }

    @ParameterizedTest
    @MethodSource("badConsent")
    void badConsentInputGivesOneErrorLineAndChangesNothing(String[] args, int exit, String error) throws Exception {
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        List<String> all = new ArrayList<>(List.of("consent"));
        all.addAll(List.of(args));

        SitesCommandTest.Run r = cameras(all.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err()).contains(error);
        if (exit == 1) {
            assertThat(r.err().lines().toList()).hasSize(1);
        }
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(AuditLog.file(AuditLog.directory(data))).doesNotExist();
    }

    @Test
    void aRetiredCameraTakesNoConsent() throws Exception {
        cameras("retire", "gate");
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        SitesCommandTest.Run r = cameras("consent", "gate", "--by", "X", "--sharing", "continuous");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: camera gate is retired and cannot be given consent");
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(1);
    }
}
