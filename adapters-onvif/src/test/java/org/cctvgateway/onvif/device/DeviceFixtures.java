package org.cctvgateway.onvif.device;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;

/** A simulated camera's config shared by the device service tests. */
final class DeviceFixtures {
    static final DeviceIdentity IDENTITY = new DeviceIdentity("Acme Optics", "C10-Sim", "1.2.3", "SIM0001", "HW-C10",
            "02:00:00:00:00:01");
    static final MediaProfile MAIN = new MediaProfile("mainStream", "profile_main", "H264", 1280, 720, 25, 4096, 50,
            URI.create("rtsp://127.0.0.1:8554/live"), Optional.empty());
    static final MediaProfile SUB = new MediaProfile("subStream", "profile_sub", "H264", 640, 360, 15, 512, 30,
            URI.create("rtsp://127.0.0.1:8554/sub"), Optional.of(URI.create("http://127.0.0.1:8080/snap.jpg")));
    static final OnvifDeviceConfig CONFIG = OnvifDeviceConfig.of(IDENTITY, List.of(MAIN, SUB), "admin", "s3cret!",
            SimulatedOnvifCamera.scopes(IDENTITY));

    private DeviceFixtures() {
    }
}
