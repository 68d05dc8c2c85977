package org.cctvgateway.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"cctv-gateway " + (v == null ? "development build" : v),
                             "Java " + Runtime.version()};
    }
}
