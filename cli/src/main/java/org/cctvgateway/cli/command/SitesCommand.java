package org.cctvgateway.cli.command;

import static org.cctvgateway.cli.command.CamerasCommand.audited;
import static org.cctvgateway.cli.command.CamerasCommand.registryEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.RegistryUpdate;
import org.cctvgateway.registry.RegistryYaml;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway sites add|list|show|remove|export|import}: the premises on record. Export and
 * import carry the whole registry (sites with their cameras and consent), as YAML, for backups. Every change
 * is written to the audit log (one record per change; one for a whole import) before the command says it is
 * done.
 */
@Command(name = "sites", mixinStandardHelpOptions = true,
        description = {"Add, list and show sites (premises); export or import the whole registry "
                + "(sites and their cameras, with consent) as YAML for backups."},
        subcommands = {SitesCommand.Add.class, SitesCommand.ListSites.class, SitesCommand.Show.class,
                       SitesCommand.Remove.class, SitesCommand.Export.class, SitesCommand.Import.class})
public final class SitesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a site (a premises with cameras).")
    static final class Add extends CamerasCommand.Base {
        @Option(names = "--id", required = true, paramLabel = "ID",
                description = "Short id: 1-40 of a-z, 0-9, '-' (used in stream paths), e.g. hotel-1.")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name people know it by.")
        String name;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "hotel, plaza, housing-society, residential, school or other.")
        String type;

        @Option(names = "--address", paramLabel = "TEXT", description = "Postal address.")
        String address;

        @Option(names = "--owner", paramLabel = "NAME", description = "Owner or responsible person.")
        String owner;

        @Option(names = "--contact", paramLabel = "TEXT", description = "How to reach them (phone, email).")
        String contact;

        @Option(names = "--location", paramLabel = "LAT,LON", description = "Where it is, e.g. 19.0760,72.8777.")
        String location;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            Site site = new Site(Ids.check("site id", id), name, SiteType.parse(type), orEmpty(address),
                    orEmpty(owner), orEmpty(contact), Optional.ofNullable(location).map(GeoPoint::parse));
            RegistryUpdate u = store.addSite(site);
            u.change().ifPresent(c -> recordChange(c, site.id(), null, c.detail(), "site " + site.id() + " was added"));
            CamerasCommand.report(out, common.json, u, site.id(), "Site " + site.id() + " (" + site.name() + ", "
                    + site.type().label() + ") added. Next: enroll its cameras with cctv-gateway enroll HOST --site "
                    + site.id() + " --user USER --password-env VAR --sharing MODE --consent-by NAME", "");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sites on record.")
    static final class ListSites extends CamerasCommand.Base {
        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistrySnapshot s = store.snapshot();
            Instant now = clock.instant();
            if (common.json) {
                s.sites().forEach(site -> JsonLines.print(out, toMap(site, s, now)));
                return;
            }
            if (s.sites().isEmpty()) {
                out.println("No sites on record. Next: cctv-gateway sites add --id ID --name NAME --type TYPE");
                return;
            }
            String fmt = "%-16s %-16s %-8s %-7s %s%n";
            out.printf(fmt, "SITE", "TYPE", "CAMERAS", "SERVED", "NAME");
            for (Site site : s.sites()) {
                List<Camera> cams = s.camerasOf(site.id());
                out.printf(fmt, site.id(), site.type().label(), cams.size(),
                        cams.stream().filter(c -> c.servableAt(now)).count(), site.name());
            }
            out.println(s.sites().size() + " site(s). Details: cctv-gateway sites show ID");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a site and its cameras.")
    static final class Show extends CamerasCommand.Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The site id.")
        String id;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistrySnapshot s = store.snapshot();
            Site site = require(s, id);
            Instant now = clock.instant();
            if (common.json) {
                Map<String, Object> m = toMap(site, s, now);
                m.put("cameras", s.camerasOf(id).stream().map(c -> CamerasCommand.toMap(c, now)).toList());
                JsonLines.print(out, m);
                return;
            }
            out.println("Site " + site.id() + ": " + site.name() + " (" + site.type().label() + ")");
            out.println("  address   " + dash(site.address()));
            out.println("  owner     " + dash(site.owner()));
            out.println("  contact   " + dash(site.contact()));
            out.println("  location  " + site.location().map(Object::toString).orElse("-"));
            List<Camera> cams = s.camerasOf(id);
            if (cams.isEmpty()) {
                out.println("No cameras yet. Next: cctv-gateway enroll HOST --site " + id + " ...");
            }
            for (Camera c : cams) {
                out.println("  camera " + c.id() + ": " + c.state().label() + ", "
                        + c.consent().map(k -> "sharing " + k.mode().label()).orElse("no consent") + ", "
                        + (c.servableAt(now) ? "served" : "not served")
                        + " (cctv-gateway cameras show " + c.id() + ")");
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a site whose cameras are all retired (their records go with it).")
    static final class Remove extends CamerasCommand.Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The site id.")
        String id;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistryUpdate u = store.removeSite(Ids.check("site id", id));
            u.change().ifPresent(c -> recordChange(c, id, null, c.detail(), "site " + id + " was removed"));
            CamerasCommand.report(out, common.json, u, id, "Site " + id + " removed ("
                    + u.change().map(c -> c.detail()).orElse("") + ").", "");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the whole registry (sites, cameras, consent; never passwords) as YAML, "
                    + "to standard output or --out FILE.")
    static final class Export extends CamerasCommand.Base {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file (mode 0600) instead.")
        Path outFile;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistrySnapshot s = store.snapshot();
            String yaml = RegistryYaml.write(s);
            if (outFile == null) {
                out.print(yaml);
                return;
            }
            AtomicFiles.write(outFile, yaml.getBytes(StandardCharsets.UTF_8), AtomicFiles.Permissions.OWNER_ONLY);
            if (common.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", outFile.toString());
                m.put("sites", s.sites().size());
                m.put("cameras", s.cameras().size());
                m.put("generation", s.generation());
                JsonLines.print(out, m);
            } else {
                out.println("Registry exported to " + outFile + ": " + s.sites().size() + " site(s), "
                        + s.cameras().size() + " camera(s). Keep it private: it names site owners and contacts. "
                        + "Restore with cctv-gateway sites import " + outFile + " --replace");
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load a whole registry from YAML written by sites export, after checking all of it. "
                    + "Refuses to overwrite a registry that has sites unless --replace is given.")
    static final class Import extends CamerasCommand.Base {
        @Parameters(index = "0", paramLabel = "FILE", description = "A file written by cctv-gateway sites export.")
        Path file;

        @Option(names = "--replace", description = "Replace the current registry as a whole (one atomic write).")
        boolean replace;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            String text;
            try {
                if (Files.size(file) > RegistryYaml.MAX_BYTES) {
                    throw new GatewayException("import file " + file + " is " + Files.size(file) + " bytes, limit is "
                            + RegistryYaml.MAX_BYTES, "give a file written by cctv-gateway sites export");
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new GatewayException("import file " + file + " does not exist", "check the path", e);
            } catch (IOException e) {
                throw new GatewayException("import file " + file + " cannot be read: " + e.getMessage(),
                        "check its permissions", e);
            }
            boolean wasEmpty = store.reload().isEmpty();
            RegistryUpdate u = store.importYaml(text, file.toString(), replace);
            u.change().ifPresent(c -> audited(audit, registryEvent(c.action(), null, null, c.detail())
                    .with("sites", u.snapshot().sites().size())
                    .with("cameras", u.snapshot().cameras().size())
                    .with("mode", wasEmpty ? "into-empty" : "replace")
                    .with("source", file.toAbsolutePath().normalize().toString()),
                    "the registry was " + (wasEmpty ? "imported" : "replaced") + " from " + file));
            CamerasCommand.report(out, common.json, u, "", "Registry " + u.change().map(c -> c.detail()).orElse("")
                    + ". Next: cctv-gateway sites list", "");
        }
    }

    static Site require(RegistrySnapshot s, String id) {
        return s.site(id).orElseThrow(() -> new GatewayException("site " + id + " is not on record",
                "list the sites with cctv-gateway sites list"));
    }

    static Map<String, Object> toMap(Site site, RegistrySnapshot s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", site.id());
        m.put("name", site.name());
        m.put("type", site.type().label());
        m.put("address", site.address());
        m.put("owner", site.owner());
        m.put("contact", site.contact());
        m.put("location", site.location().map(SitesCommand::point).orElse(null));
        m.put("cameraCount", s.camerasOf(site.id()).size());
        m.put("servedCount", s.camerasOf(site.id()).stream().filter(c -> c.servableAt(now)).count());
        return m;
    }

    static Map<String, Object> point(GeoPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lat", p.lat());
        m.put("lon", p.lon());
        return m;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
