package org.cctvgateway.onvif.device;

import java.util.Objects;

/**
 * One HTTP answer of the device service.
 *
 * @param status the HTTP status: 200, 400 for Sender faults (ONVIF Core §5.11.2.1: NotAuthorized is sent
 *     with 400), 500 for Receiver faults, 404/405/413 for HTTP-level refusals
 * @param body the SOAP envelope, UTF-8
 */
public record DeviceResponse(int status, byte[] body) {
    public DeviceResponse {
        Objects.requireNonNull(body, "body");
    }
}
