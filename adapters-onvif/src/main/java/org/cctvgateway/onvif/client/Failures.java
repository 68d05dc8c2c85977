package org.cctvgateway.onvif.client;

import java.time.Duration;
import org.cctvgateway.spi.ProbeResult;

/** Turns call failures into {@link ProbeResult}s with a message naming the camera and a plain hint. */
final class Failures {
    private final String camera;
    private final String user;

    Failures(String camera, String user) {
        this.camera = camera;
        this.user = user;
    }

    ProbeResult of(OnvifCallException e) {
        String detail = e.getMessage();
        return switch (e.kind()) {
            case UNREACHABLE -> new ProbeResult.Unreachable("camera at " + camera + " cannot be reached: " + detail,
                    "check the address and port, that the camera is powered and on this network, and that no "
                            + "firewall blocks it");
            case TIMEOUT -> new ProbeResult.Unreachable("camera at " + camera + " did not answer in time: " + detail,
                    "check the address and port; a busy or distant camera may need a longer --timeout");
            case NOT_AUTHORIZED -> new ProbeResult.AuthRejected("camera at " + camera + " refused the user '" + user
                    + "' (wrong password)", user.isEmpty()
                            ? "the camera needs a user name and password: pass --user and --password-env"
                            : "check the password of '" + user + "'; on Hikvision and some others the ONVIF users "
                                    + "are separate from the web users and must be added in the camera's ONVIF settings");
            case FORBIDDEN -> new ProbeResult.AuthRejected("camera at " + camera + " refused ONVIF access to the user '"
                    + user + "' (HTTP 403)", "give '" + user + "' operator or administrator rights for ONVIF on the "
                            + "camera, or enable ONVIF (some firmware ships with it off)");
            case NOT_SOAP -> new ProbeResult.Unsupported("camera at " + camera + " does not speak ONVIF: " + detail,
                    "check the port (ONVIF is usually on 80, 8000 or 8080) and that ONVIF is enabled on the camera; "
                            + "otherwise add the camera by its RTSP URL");
            case FAULT -> new ProbeResult.Unsupported("camera at " + camera + " refused a required ONVIF call: "
                    + detail, "the camera's ONVIF support is incomplete; update its firmware or add it by RTSP URL");
            case MALFORMED -> new ProbeResult.MalformedReply("camera at " + camera + " sent a reply that cannot be "
                    + "used: " + detail, "update the camera's firmware; if it persists, add the camera by its RTSP "
                            + "URL and report the model");
        };
    }

    ProbeResult clockSkew(Duration offset) {
        return new ProbeResult.ClockSkew(offset, "camera at " + camera + " refused the user '" + user + "'; its clock is "
                + describe(offset) + " ours", "set the camera's time or enable NTP on it, then probe again; "
                        + "if it still refuses, check the password");
    }

    /** "7 minutes behind", "3 hours ahead of". */
    static String describe(Duration offset) {
        long s = Math.abs(offset.toSeconds());
        String amount = s >= 7200 ? s / 3600 + " hours" : s >= 120 ? s / 60 + " minutes" : s + " seconds";
        return amount + (offset.isNegative() ? " behind" : " ahead of");
    }
}
