package org.cctvgateway.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** The checks over the camera as a device: clock, services, identity, firmware and logins. */
final class DeviceChecks {
    private final CameraFacts facts;
    private final Optional<DeclaredFacts> declared;
    private final KnownVulnerableFirmware firmwareList;

    DeviceChecks(CameraFacts facts, Optional<DeclaredFacts> declared, KnownVulnerableFirmware firmwareList) {
        this.facts = facts;
        this.declared = declared;
        this.firmwareList = firmwareList;
    }

    Finding clock(Check.ClockWithin c) {
        String threshold = "within " + StreamChecks.num(c.seconds()) + " s";
        String decl = declared.flatMap(DeclaredFacts::clockOffset).map(DeviceChecks::offset).orElse("");
        Optional<Double> measured = facts.clockOffset().map(d -> d.toNanos() / 1e9);
        if (measured.isEmpty()) {
            measured = facts.stream("main").map(StreamFacts::clockDriftSeconds).filter(v -> !Double.isNaN(v));
        }
        // The declared offset is itself the camera's reported time against ours at probe time: use it when the
        // gateway has nothing fresher.
        Optional<Double> used = measured.isPresent() ? measured
                : declared.flatMap(DeclaredFacts::clockOffset).map(d -> d.toNanos() / 1e9);
        if (used.isEmpty()) {
            return Finding.unknown(decl, threshold, "The camera's clock could not be read.");
        }
        double off = used.get();
        String got = measured.map(v -> offset(Duration.ofNanos((long) (v * 1e9)))).orElse("");
        String shown = offset(Duration.ofNanos((long) (off * 1e9)));
        return Finding.of(Math.abs(off) <= c.seconds(), decl, got, threshold,
                "The camera's clock is " + shown + " from the gateway's.",
                "The camera's clock is " + shown + " from the gateway's; the standard allows "
                        + StreamChecks.num(c.seconds()) + " s, or recordings carry the wrong time.");
    }

    Finding ntp(Check.NtpConfigured c) {
        String threshold = "an NTP server";
        if (declared.isEmpty() || !declared.get().servicesKnown()) {
            return Finding.unknown("", threshold, "The camera did not report its time settings.");
        }
        DeclaredFacts d = declared.get();
        String decl = d.ntpFromDhcp() ? "from DHCP" + (d.ntpServers().isEmpty() ? "" : ": "
                + String.join(", ", d.ntpServers())) : d.ntpServers().isEmpty() ? "none" : String.join(", ",
                        d.ntpServers());
        return Finding.of(d.ntpFromDhcp() || !d.ntpServers().isEmpty(), decl, "", threshold,
                "The camera sets its clock by NTP (" + decl + ").",
                "The camera has no NTP server, so its clock drifts.");
    }

    Finding onvif(Check.OnvifProfile c) {
        String threshold = "Profile " + String.join(", ", c.profiles());
        if (declared.isEmpty()) {
            return Finding.unknown("", threshold, "The camera was not probed, so its ONVIF profiles are unknown.");
        }
        List<String> claimed = declared.get().onvifProfiles().stream().map(p -> p.trim().toUpperCase(Locale.ROOT))
                .toList();
        List<String> missing = c.profiles().stream().filter(p -> !claimed.contains(p)).toList();
        String decl = claimed.isEmpty() ? "none" : "Profile " + String.join(", ", claimed);
        return Finding.of(missing.isEmpty(), decl, "", threshold, "The camera supports " + threshold + ".",
                "The camera does not claim ONVIF Profile " + String.join(", ", missing) + ".");
    }

    Finding defaultCredentials(Check.NoDefaultCredentials c) {
        String threshold = "no factory default login";
        if (!facts.defaultCredentialsChecked()) {
            return Finding.unknown("", threshold, "The factory-default logins were not tried (--no-credential-check).");
        }
        List<ExposedAccount> exposed = facts.defaultCredentials();
        String got = exposed.isEmpty() ? "none" : exposed.stream().map(a -> a.username() + " (" + a.where() + ")")
                .collect(Collectors.joining(", "));
        return Finding.of(exposed.isEmpty(), "", got, threshold, "No account logs in with a factory default password.",
                "Account " + got + " logs in with the factory default password: anyone on the network can"
                        + " take the camera over.");
    }

    Finding passwordStrength(Check.MinPasswordStrength c) {
        String threshold = c.level() == PasswordStrength.Level.STRONG ? "strong" : "fair or strong";
        if (facts.passwordStrength().isEmpty()) {
            return Finding.unknown("", threshold, "Not checked: no password was given to the gateway for this camera.");
        }
        PasswordStrength.Assessment a = facts.passwordStrength().get();
        String level = a.level().name().toLowerCase(Locale.ROOT);
        String got = a.reasons().isEmpty() ? level : level + ": " + String.join(", ", a.reasons());
        // One break, one rule: a factory-default password that the default-login check already found working is
        // that rule's finding; judging it here too would report the same fault twice.
        if (a.factoryDefault()
                && facts.defaultCredentials().stream().anyMatch(e -> e.username().equals(a.username()))) {
            return new Finding(Finding.Status.NOT_APPLICABLE, "", got, threshold, "The password given for user '"
                    + a.username() + "' is the factory default, reported by the factory-default login rule.");
        }
        boolean pass = a.level().compareTo(c.level()) >= 0;
        return Finding.of(pass, "", got, threshold, "The password given for user '" + a.username() + "' is "
                + (a.reasons().isEmpty() ? level : level + " (" + String.join(", ", a.reasons()) + ")") + ".",
                "The password given for user '" + a.username() + "' is " + got + "; anyone who guesses it controls"
                        + " the camera and its video.");
    }

    Finding plainHttp(Check.ManagementNotPlainHttpOnly c) {
        String threshold = "HTTPS, or no web management";
        String decl = declared.map(d -> ports(d.httpPort(), d.httpsPort())).orElse("");
        if (!facts.httpAvailable() && !facts.httpsAvailable()) {
            return new Finding(Finding.Status.NOT_APPLICABLE, decl, "no web management", threshold,
                    "The camera's web management did not answer.");
        }
        String got = facts.httpsAvailable() ? facts.httpAvailable() ? "HTTP and HTTPS" : "HTTPS" : "HTTP only";
        return Finding.of(facts.httpsAvailable(), decl, got, threshold, "Web management is offered over HTTPS.",
                "Web management is offered over plain HTTP only: the admin password crosses the network readable.");
    }

    Finding identifiable(Check.FirmwareIdentifiable c) {
        String threshold = "manufacturer, model and firmware";
        if (declared.isEmpty()) {
            return Finding.unknown("", threshold, "The camera was not probed, so it is not identified.");
        }
        DeclaredFacts d = declared.get();
        List<String> missing = new ArrayList<>();
        if (d.manufacturer().isBlank()) {
            missing.add("manufacturer");
        }
        if (d.model().isBlank()) {
            missing.add("model");
        }
        if (d.firmware().isBlank()) {
            missing.add("firmware");
        }
        return Finding.of(missing.isEmpty(), identity(d), "", threshold, "The camera reports who made it and its"
                + " firmware.", "The camera does not report its " + String.join(", ", missing) + ".");
    }

    Finding vulnerableFirmware(Check.NoKnownVulnerableFirmware c) {
        String threshold = "not named by a vendor advisory";
        if (declared.isEmpty() || declared.get().firmware().isBlank() || declared.get().model().isBlank()) {
            return Finding.unknown(declared.map(DeviceChecks::identity).orElse(""), threshold,
                    "The firmware version is not known, so it cannot be checked against advisories.");
        }
        DeclaredFacts d = declared.get();
        List<KnownVulnerableFirmware.Entry> hits = firmwareList.matching(d.manufacturer(), d.model(), d.firmware());
        String advisories = hits.stream().map(e -> e.cve() + " (" + e.advisory() + ")").distinct()
                .collect(Collectors.joining(", "));
        return Finding.of(hits.isEmpty(), identity(d), "", threshold,
                "No advisory in the gateway's list names this firmware.",
                "This firmware is named in " + advisories + "; update to " + (hits.isEmpty() ? ""
                        : hits.get(0).fixedIn()) + ".");
    }

    Finding unauthenticated(Check.NoUnauthenticatedAccess c) {
        List<String> open = facts.unauthenticatedAccess();
        String got = open.isEmpty() ? "none" : String.join(", ", open);
        return Finding.of(open.isEmpty(), "", got, "every call needs a login",
                "Every call tried asked for a login.",
                "These answered without a login: " + got + ".");
    }

    private static String identity(DeclaredFacts d) {
        return String.join(" ", List.of(d.manufacturer(), d.model(), d.firmware()).stream()
                .filter(s -> !s.isBlank()).toList());
    }

    private static String ports(OptionalInt http, OptionalInt https) {
        List<String> out = new ArrayList<>();
        http.ifPresent(p -> out.add("HTTP " + p));
        https.ifPresent(p -> out.add("HTTPS " + p));
        return String.join(", ", out);
    }

    private static String offset(Duration d) {
        double s = d.toNanos() / 1e9;
        return (s >= 0 ? "+" : "") + StreamChecks.num(s) + " s";
    }
}
