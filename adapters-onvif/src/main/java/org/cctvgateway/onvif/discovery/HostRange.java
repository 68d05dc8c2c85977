package org.cctvgateway.onvif.discovery;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cctvgateway.ConfigException;

/**
 * Expands the targets of a directed probe (IPv4 or IPv6 literals, and IPv4 CIDR ranges such as
 * {@code 192.168.1.0/24}) into addresses. Host names are refused: a directed probe goes to
 * addresses the operator typed, never to whatever a resolver answers.
 *
 * <p>The total is bounded by {@link #MAX_HOSTS} (a /22) so a typo such as {@code /12} cannot turn
 * into a sweep of a million addresses. For prefixes shorter than /31 the network and broadcast
 * addresses are left out, as no camera sits there.
 */
public final class HostRange {
    /** The most addresses one discovery may probe directly: 1024, a /22. */
    public static final int MAX_HOSTS = 1024;

    private HostRange() {
    }

    /**
     * Expands the targets, keeping their order and dropping repeats.
     *
     * @throws ConfigException if a target is not an address or range, or the total exceeds the limit
     */
    public static List<InetAddress> expand(List<String> targets, int maxHosts) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String raw : targets) {
            String target = raw.strip();
            int slash = target.indexOf('/');
            if (slash < 0) {
                out.add(literal(target));
            } else {
                expandCidr(target, slash, maxHosts, out);
            }
            if (out.size() > maxHosts) {
                throw tooMany(String.join(", ", targets), out.size(), maxHosts);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static void expandCidr(String target, int slash, int maxHosts, Set<InetAddress> out) {
        InetAddress base = literal(target.substring(0, slash));
        if (!(base instanceof Inet4Address)) {
            throw new ConfigException("range", "'" + target + "' is an IPv6 range; only IPv4 ranges can be probed",
                    "give single IPv6 addresses, or an IPv4 range such as 192.168.1.0/24");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(target.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > 32) {
            throw new ConfigException("range", "'" + target + "' has a prefix length outside 0..32",
                    "write a range as ADDRESS/BITS, for example 192.168.1.0/24");
        }
        long size = 1L << (32 - prefix);
        long hosts = prefix >= 31 ? size : size - 2;
        if (hosts > maxHosts) {
            throw tooMany(target, hosts, maxHosts);
        }
        byte[] b = base.getAddress();
        long addr = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        long network = addr & ~(size - 1) & 0xFFFFFFFFL;
        long first = prefix >= 31 ? network : network + 1;
        for (long i = 0; i < hosts; i++) {
            out.add(fromLong(first + i));
        }
    }

    private static ConfigException tooMany(String target, long count, int limit) {
        return new ConfigException("range", "'" + target + "' covers " + count + " addresses, limit is " + limit
                + " (a /22) per discovery",
                "split the network into smaller ranges such as /24 and run them one by one");
    }

    private static InetAddress literal(String text) {
        if (text.isEmpty() || !isAddressLiteral(text)) {
            throw new ConfigException("range", "'" + text + "' is not an IP address or CIDR range",
                    "give addresses such as 192.168.1.64 or ranges such as 192.168.1.0/24");
        }
        try {
            // Only literals reach here, so no resolver is asked.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new ConfigException("range", "'" + text + "' is not an IP address", "check the address", e);
        }
    }

    private static boolean isAddressLiteral(String text) {
        return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text);
    }

    private static InetAddress fromLong(long v) {
        byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4-byte address rejected", e);
        }
    }
}
