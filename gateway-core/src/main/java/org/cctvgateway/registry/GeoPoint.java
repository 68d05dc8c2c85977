package org.cctvgateway.registry;

import org.cctvgateway.GatewayException;

/**
 * A place on the map, WGS 84 degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record GeoPoint(double lat, double lon) {
    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new GatewayException("latitude " + lat + " is outside -90..90", "give LAT,LON in degrees, "
                    + "latitude first, e.g. 19.0760,72.8777");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new GatewayException("longitude " + lon + " is outside -180..180", "give LAT,LON in degrees, "
                    + "latitude first, e.g. 19.0760,72.8777");
        }
    }

    /**
     * Reads {@code LAT,LON} ({@code 19.0760,72.8777}).
     *
     * @throws GatewayException naming the text when it is not two numbers in range
     */
    public static GeoPoint parse(String text) {
        String t = text == null ? "" : text.trim();
        int comma = t.indexOf(',');
        try {
            if (comma < 0) {
                throw new NumberFormatException();
            }
            return new GeoPoint(Double.parseDouble(t.substring(0, comma).trim()),
                    Double.parseDouble(t.substring(comma + 1).trim()));
        } catch (NumberFormatException e) {
            throw new GatewayException("location '" + text + "' is not LAT,LON", "e.g. 19.0760,72.8777", e);
        }
    }

    @Override
    public String toString() {
        return lat + "," + lon;
    }
}
