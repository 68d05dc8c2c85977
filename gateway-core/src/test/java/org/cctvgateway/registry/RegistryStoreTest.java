package org.cctvgateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path data;

    private RegistryStore open() {
        return RegistryStore.open(data, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private RegistryStore withSiteAndCamera() {
        RegistryStore store = open();
        store.addSite(Samples.site("hotel-1"));
        store.enrollCamera(Samples.camera("lobby", "hotel-1"));
        return store;
    }

    @Test
    void startsEmptyWithoutWritingAFile() {
        RegistryStore store = open();
        assertThat(store.snapshot()).isEqualTo(RegistrySnapshot.empty());
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void everyChangeIsOnDiskWhenTheCallReturnsAndReadsBackEqual() throws Exception {
        RegistryStore store = withSiteAndCamera();
        store.setState("lobby", CameraState.ACTIVE, "");
        store.recordConsent("lobby", Samples.consent(SharingMode.ON_REQUEST, Optional.of(NOW.plusSeconds(86400))));
        RegistryUpdate last = store.recordCompliance("lobby", Samples.compliance());

        RegistrySnapshot reread = RegistryStore.open(data).snapshot();

        assertThat(reread).isEqualTo(last.snapshot()).isEqualTo(store.snapshot());
        assertThat(reread.generation()).isEqualTo(5);
        Camera c = reread.camera("lobby").orElseThrow();
        assertThat(c.enrolledAt()).isEqualTo(NOW);
        assertThat(c.servableAt(NOW)).isTrue();
        assertThat(reread.servableCameras(NOW)).containsExactly(c);
        assertThat(reread.camerasOf("hotel-1")).containsExactly(c);
        assertThat(store.file()).content().startsWith("schemaVersion: 1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void mutationsTellWhatChanged() {
        RegistryStore store = withSiteAndCamera();
        RegistryUpdate u = store.setState("lobby", CameraState.SUSPENDED, "lens cleaning");
        assertThat(u.change()).contains(new RegistryChange("camera.state", "lobby",
                "enrolled -> suspended: lens cleaning"));
        assertThat(store.setState("lobby", CameraState.SUSPENDED, "again").changed()).isFalse();
        Site renamed = new Site("hotel-1", "Hotel Sunrise", SiteType.PLAZA, "1 Marine Drive", "A. Sharma",
                "+91 22 5555 0101", Samples.site("hotel-1").location());
        assertThat(store.updateSite(renamed).change().orElseThrow().detail())
                .isEqualTo("details changed: name, type hotel -> plaza");
    }

    record Refused(String name, Consumer<RegistryStore> setup, Consumer<RegistryStore> action, String message) {
        Refused(String name, Consumer<RegistryStore> action, String message) {
            this(name, s -> { }, action, message);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refusedMutations() {
        return Stream.of(
                new Refused("site twice", s -> s.addSite(Samples.site("hotel-1")), "site hotel-1 is already on record"),
                new Refused("camera on unknown site", s -> s.enrollCamera(Samples.camera("gate", "school-9")),
                        "site school-9 is not on record"),
                new Refused("camera id taken", s -> s.enrollCamera(Samples.camera("lobby", "hotel-1")),
                        "camera id lobby is already on record"),
                new Refused("unknown camera", s -> s.setState("nope", CameraState.ACTIVE, ""),
                        "camera nope is not on record"),
                new Refused("active back to enrolled", s -> s.setState("lobby", CameraState.ACTIVE, ""),
                        s -> s.setState("lobby", CameraState.ENROLLED, ""), "cannot go from active to enrolled"),
                new Refused("retired comes back", s -> s.setState("lobby", CameraState.RETIRED, "replaced"),
                        s -> s.setState("lobby", CameraState.ACTIVE, ""), "camera lobby is retired"),
                new Refused("consent on retired", s -> s.setState("lobby", CameraState.RETIRED, ""),
                        s -> s.recordConsent("lobby", Samples.consent(SharingMode.OFF, Optional.empty())),
                        "is retired and cannot be given consent"),
                new Refused("remove site with live camera", s -> s.removeSite("hotel-1"),
                        "still has cameras that are not retired: lobby"),
                new Refused("unknown site update", s -> s.updateSite(Samples.site("hotel-2")),
                        "site hotel-2 is not on record"),
                new Refused("camera moves site", s -> s.addSite(Samples.site("hotel-2")),
                        s -> s.updateCamera(Samples.camera("lobby", "hotel-2")), "is on site hotel-1, not hotel-2"),
                new Refused("import over non-empty", s -> s.importYaml(RegistryYaml.write(RegistrySnapshot.empty()),
                        "backup.yaml", false), "import does not merge"),
                new Refused("import of a broken file", s -> s.importYaml("schemaVersion: 1\nsites: [x]\n",
                        "backup.yaml", true), "backup.yaml line 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMutations")
    void refusedMutationNamesTheProblemAndLeavesTheFileByteIdentical(Refused c) throws Exception {
        RegistryStore store = withSiteAndCamera();
        c.setup().accept(store);
        byte[] before = Files.readAllBytes(store.file());
        RegistrySnapshot snapshotBefore = store.snapshot();

        assertThatThrownBy(() -> c.action().accept(store)).isInstanceOf(GatewayException.class)
                .hasMessageContaining(c.message())
                .satisfies(e -> assertThat(((GatewayException) e).hint()).isNotBlank());

        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
        assertThat(store.snapshot()).isSameAs(snapshotBefore);
    }

    @Test
    void anIoFailureLeavesTheSnapshotAsItWasAndNoTemporaryFile() throws Exception {
        RegistryStore store = withSiteAndCamera();
        RegistrySnapshot snapshotBefore = store.snapshot();
        // A directory where the file should be: reading and renaming fail whatever user runs the test (root too).
        Files.delete(store.file());
        Files.createDirectories(store.file().resolve("in-the-way"));

        assertThatThrownBy(() -> store.setState("lobby", CameraState.ACTIVE, ""))
                .isInstanceOf(StorageException.class).hasMessageContaining(store.file().toString());

        assertThat(store.snapshot()).isSameAs(snapshotBefore);
        try (Stream<Path> files = Files.list(data)) {
            // No temporary file is left; the lock file stays, as it always does.
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("registry.yaml",
                    RegistryStore.LOCK_FILE_NAME);
        }
    }

    @Test
    void aFailedWriteLeavesTheFileByteIdenticalAndTheSnapshotAsItWas() throws Exception {
        RegistryStore store = withSiteAndCamera();
        byte[] before = Files.readAllBytes(store.file());
        RegistrySnapshot snapshotBefore = store.snapshot();
        makeUnwritable(data);
        try {
            assertThatThrownBy(() -> store.setState("lobby", CameraState.ACTIVE, ""))
                    .isInstanceOf(StorageException.class).hasMessageContaining("could not write");
        } finally {
            makeWritable(data);
        }
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
        assertThat(store.snapshot()).isSameAs(snapshotBefore);
        assertThat(store.setState("lobby", CameraState.ACTIVE, "").changed()).isTrue();
    }

    /** chmod for a normal user; root ignores modes, so the directory is also made immutable (ext4, xfs). */
    private static void makeUnwritable(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (canCreateIn(dir)) {
            Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(canCreateIn(dir),
                "cannot make a directory unwritable here (root on a file system without chattr)");
    }

    private static void makeWritable(Path dir) throws Exception {
        Process p = new ProcessBuilder("chattr", "-i", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aChangeMadeByAnotherProcessIsKeptAndBuiltOn() {
        RegistryStore serve = withSiteAndCamera();
        RegistryStore cli = RegistryStore.open(data);
        cli.setState("lobby", CameraState.SUSPENDED, "from the command line");

        serve.recordConsent("lobby", Samples.consent(SharingMode.CONTINUOUS, Optional.empty()));

        Camera c = RegistryStore.open(data).snapshot().camera("lobby").orElseThrow();
        assertThat(c.state()).isEqualTo(CameraState.SUSPENDED);
        assertThat(c.consent()).isPresent();
        assertThat(serve.snapshot().generation()).isEqualTo(4);
        cli.setState("lobby", CameraState.ACTIVE, "");
        assertThat(serve.reload().camera("lobby").orElseThrow().state()).isEqualTo(CameraState.ACTIVE);
    }

    @Test
    void ignoresATemporaryFileLeftByACrash() throws Exception {
        RegistryStore store = withSiteAndCamera();
        Files.writeString(data.resolve(".registry.yaml.1234.tmp"), "schemaVersion: 1\nsites: [ {id: tor");
        assertThat(RegistryStore.open(data).snapshot()).isEqualTo(store.snapshot());
    }

    @Test
    void removesASiteWhoseCamerasAreAllRetiredTogetherWithThem() {
        RegistryStore store = withSiteAndCamera();
        store.setState("lobby", CameraState.RETIRED, "replaced");
        RegistryUpdate u = store.removeSite("hotel-1");
        assertThat(u.snapshot().isEmpty()).isTrue();
        assertThat(u.snapshot().cameras()).isEmpty();
        assertThat(u.change().orElseThrow().detail()).contains("lobby");
    }

    @Test
    void updatingACameraKeepsItsStateConsentAndEnrollmentTime() {
        RegistryStore store = withSiteAndCamera();
        store.recordConsent("lobby", Samples.consent(SharingMode.CONTINUOUS, Optional.empty()));
        Camera moved = Samples.camera("lobby", "hotel-1");
        moved = new Camera(moved.id(), moved.siteId(), moved.adapterId(), "10.0.0.6:80", moved.device(),
                Optional.empty(), moved.facing(), moved.streams(), Optional.empty(), CameraState.ACTIVE,
                Optional.empty(), Samples.T0, Samples.T0);
        Camera after = store.updateCamera(moved).snapshot().camera("lobby").orElseThrow();
        assertThat(after.endpoint()).isEqualTo("10.0.0.6:80");
        assertThat(after.location()).isEmpty();
        assertThat(after.state()).isEqualTo(CameraState.ENROLLED);
        assertThat(after.consent()).isPresent();
        assertThat(after.enrolledAt()).isEqualTo(NOW);
    }

    @Test
    void exportImportsIntoAnEmptyRegistryAndReplacesOnlyWhenAsked(@TempDir Path other) {
        RegistryStore store = withSiteAndCamera();
        store.recordConsent("lobby", Samples.consent(SharingMode.EMERGENCY_ONLY, Optional.empty()));
        String yaml = store.exportYaml();

        RegistryStore fresh = RegistryStore.open(other);
        RegistryUpdate imported = fresh.importYaml(yaml, "backup.yaml", false);
        assertThat(imported.snapshot().sites()).isEqualTo(store.snapshot().sites());
        assertThat(imported.snapshot().cameras()).isEqualTo(store.snapshot().cameras());
        assertThat(RegistryStore.open(other).snapshot()).isEqualTo(imported.snapshot());

        RegistryStore third = RegistryStore.open(other);
        String single = RegistryYaml.write(new RegistrySnapshot(List.of(Samples.site("plaza-2")), List.of(), 0));
        RegistryUpdate replaced = third.importYaml(single, "b.yaml", true);
        assertThat(replaced.snapshot().sites()).extracting(Site::id).containsExactly("plaza-2");
        assertThat(replaced.snapshot().generation()).isGreaterThan(imported.snapshot().generation());
        assertThat(replaced.change().orElseThrow().detail()).isEqualTo("replaced by 1 site(s) and 0 camera(s) from "
                + "b.yaml");
    }

    @Test
    void aFailedImportChangesNothing() throws Exception {
        RegistryStore store = withSiteAndCamera();
        byte[] before = Files.readAllBytes(store.file());
        String bad = store.exportYaml().replace("lat: 18.9432", "lat: 98.9432");
        assertThatThrownBy(() -> store.importYaml(bad, "backup.yaml", true)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("backup.yaml line ").hasMessageContaining("latitude 98.9432");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void enrollmentsFromSeveralProcessesAtOnceAllLand() throws Exception {
        RegistryStore store = open();
        store.addSite(Samples.site("hotel-1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RegistryEnroller.class.getName(), data.toString(), "15", prefix)
                    .redirectErrorStream(true).redirectOutput(data.resolve(prefix + ".out").toFile()).start());
        }
        for (Process p : children) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(data.resolve("a.out"))).isZero();
        }
        RegistrySnapshot reread = RegistryStore.open(data).snapshot();
        assertThat(reread.cameras()).hasSize(45);
        assertThat(reread.generation()).isEqualTo(46);
    }

    @Test
    void concurrentMutationsFromSeveralThreadsAllLand() throws Exception {
        RegistryStore store = open();
        store.addSite(Samples.site("hotel-1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        String id = "cam-" + thread + "-" + i;
                        store.enrollCamera(Samples.camera(id, "hotel-1"));
                        store.setState(id, CameraState.ACTIVE, "");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RegistrySnapshot reread = RegistryStore.open(data).snapshot();
        assertThat(reread.cameras()).hasSize(40).allMatch(c -> c.state() == CameraState.ACTIVE);
        assertThat(reread.generation()).isEqualTo(81);
        assertThat(reread).isEqualTo(store.snapshot());
    }

    static Stream<Object[]> brokenFiles() {
        return Stream.of(
                new Object[] {"schemaVersion: 1\nsites:\n  - id: a\n    name: A\n    type: hotel\n    colour: red\n",
                    "line 6", "unknown key 'colour'"},
                new Object[] {"schemaVersion: 1\nsites:\n  - id: a\n    name: A\n    type: hotel\n"
                    + "    location: {lat: 95, lon: 1}\n", "line 6", "latitude 95.0 is outside -90..90"},
                new Object[] {"schemaVersion: 1\nsites:\n  - id: a\n    name: A\n    type: castle\n", "line 5",
                    "site type 'castle' is not known"},
                new Object[] {"schemaVersion: 1\nsites:\n  - id: a\n    type: hotel\n", "line 3", "is missing"},
                new Object[] {"schemaVersion: 1\nsites: [\n  {id: a, name: A\n", "line 4",
                    "not valid YAML: expected ',' or '}'"},
                new Object[] {"schemaVersion: 7\n", "line 1", "schema version 7 is not known"},
                new Object[] {"sites: []\n", "registry.yaml", "schemaVersion"},
                new Object[] {"schemaVersion: 1\nsites:\n  - id: Bad_Id\n    name: A\n    type: hotel\n", "line 3",
                    "site id 'Bad_Id' is not valid"});
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void aBrokenFileGivesOneLineWithTheLineNumberAndAHint(String yaml, String where, String what) throws Exception {
        Files.writeString(data.resolve("registry.yaml"), yaml, StandardCharsets.UTF_8);
        assertThatThrownBy(this::open).isInstanceOf(GatewayException.class)
                .hasMessageContaining(where).hasMessageContaining(what)
                .satisfies(e -> {
                    GatewayException g = (GatewayException) e;
                    assertThat(g.oneLine()).doesNotContain("\n");
                    assertThat(g.hint()).contains("sites export");
                });
    }

    @Test
    void anEmptyFileIsAnEmptyRegistry() throws Exception {
        Files.writeString(data.resolve("registry.yaml"), "");
        assertThat(open().snapshot().isEmpty()).isTrue();
    }
}
