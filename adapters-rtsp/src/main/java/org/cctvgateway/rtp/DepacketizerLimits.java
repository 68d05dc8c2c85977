package org.cctvgateway.rtp;

/**
 * Size limits of a depacketizer; input over a limit is dropped and counted as malformed, never
 * thrown to the caller.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>why</th></tr>
 *   <tr><td>maxNalBytes</td><td>4 MiB</td><td>a 4K intra slice at high quality is about 1 MiB</td></tr>
 *   <tr><td>maxAccessUnitBytes</td><td>8 MiB</td><td>bounds memory held per unit</td></tr>
 *   <tr><td>maxNalsPerUnit</td><td>256</td><td>cameras use a few slices per picture</td></tr>
 *   <tr><td>reorderWindow</td><td>16 packets</td><td>UDP reordering on a LAN is a few packets;
 *       0 turns reordering off (every gap is a loss at once)</td></tr>
 * </table>
 */
public record DepacketizerLimits(int maxNalBytes, int maxAccessUnitBytes, int maxNalsPerUnit, int reorderWindow) {
    /** The largest reorder window accepted; more would hold too many datagrams for too long. */
    public static final int MAX_REORDER_WINDOW = 1024;

    public DepacketizerLimits {
        if (maxNalBytes < 16) {
            throw new IllegalArgumentException("maxNalBytes is " + maxNalBytes + ", must be at least 16");
        }
        if (maxAccessUnitBytes < maxNalBytes) {
            throw new IllegalArgumentException("maxAccessUnitBytes " + maxAccessUnitBytes
                    + " is smaller than maxNalBytes " + maxNalBytes);
        }
        if (maxNalsPerUnit < 1) {
            throw new IllegalArgumentException("maxNalsPerUnit is " + maxNalsPerUnit + ", must be at least 1");
        }
        if (reorderWindow < 0 || reorderWindow > MAX_REORDER_WINDOW) {
            throw new IllegalArgumentException("reorderWindow is " + reorderWindow + ", must be 0.."
                    + MAX_REORDER_WINDOW);
        }
    }

    public static DepacketizerLimits defaults() {
        return new DepacketizerLimits(4 << 20, 8 << 20, 256, 16);
    }
}
