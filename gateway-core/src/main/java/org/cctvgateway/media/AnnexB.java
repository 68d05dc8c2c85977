package org.cctvgateway.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an Annex B byte stream (ITU-T H.264 Annex B, H.265 Annex B: NAL units behind
 * {@code 00 00 01} or {@code 00 00 00 01} start codes), as written by
 * {@code ffmpeg -f h264} or {@code -f hevc}: splits it into NAL units and groups them into access
 * units. The camera simulator uses it to loop a bundled clip.
 *
 * <p>Access units are grouped by the first-NAL rules of H.264 7.4.1.2.3 and H.265 7.4.2.4.4: a
 * new unit starts, once the current one has picture data, at an access unit delimiter, a
 * parameter set, a (prefix) SEI or another NAL type reserved to open a unit, or at a slice whose
 * {@code first_mb_in_slice} is 0 (H.264) or whose {@code first_slice_segment_in_pic_flag} is 1
 * (H.265). Arbitrary slice order and redundant pictures are not supported; no camera uses them.
 *
 * <p>Limits, all checked before anything is copied, fail with {@link MediaFormatException}:
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th></tr>
 *   <tr><td>{@link Limits#maxStreamBytes()}</td><td>64 MiB</td></tr>
 *   <tr><td>{@link Limits#maxNalBytes()}</td><td>4 MiB</td></tr>
 *   <tr><td>{@link Limits#maxNalUnitsPerAccessUnit()}</td><td>256</td></tr>
 * </table>
 * Non-zero bytes before the first start code are rejected; zero bytes after a NAL unit
 * ({@code trailing_zero_8bits}) are dropped.
 */
public final class AnnexB {

    /**
     * Size limits for reading a stream.
     *
     * @param maxStreamBytes largest whole stream
     * @param maxNalBytes largest NAL unit, without start code
     * @param maxNalUnitsPerAccessUnit most NAL units in one access unit (slices, SEI, parameter sets)
     */
    public record Limits(int maxStreamBytes, int maxNalBytes, int maxNalUnitsPerAccessUnit) {
        public static final Limits DEFAULT = new Limits(64 << 20, 4 << 20, 256);

        public Limits {
            if (maxStreamBytes <= 0 || maxNalBytes <= 0 || maxNalUnitsPerAccessUnit <= 0) {
                throw new IllegalArgumentException("limits must be positive: " + maxStreamBytes + ", " + maxNalBytes
                        + ", " + maxNalUnitsPerAccessUnit);
            }
        }
    }

    private AnnexB() {
    }

    /** {@link #nalUnits(byte[], Limits)} with {@link Limits#DEFAULT}. */
    public static List<byte[]> nalUnits(byte[] annexB) {
        return nalUnits(annexB, Limits.DEFAULT);
    }

    /**
     * The NAL units of {@code annexB} in order, each a new array without start code or trailing
     * zero bytes; empty NAL units are skipped.
     *
     * @throws MediaFormatException when a limit is exceeded or non-zero bytes precede the first start code
     */
    public static List<byte[]> nalUnits(byte[] annexB, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        if (annexB.length > limits.maxStreamBytes()) {
            throw new MediaFormatException("Annex B stream is " + annexB.length + " bytes, limit is "
                    + limits.maxStreamBytes());
        }
        List<byte[]> out = new ArrayList<>();
        int start = nextPayloadStart(annexB, 0);
        if (start < 0) {
            checkLeadingZeros(annexB, annexB.length);
            return out;
        }
        checkLeadingZeros(annexB, start - 3);
        while (start >= 0) {
            int next = nextPayloadStart(annexB, start);
            int end = next < 0 ? annexB.length : next - 3;
            while (end > start && annexB[end - 1] == 0) {
                end--; // trailing_zero_8bits, or the first byte of a 4-byte start code
            }
            int length = end - start;
            if (length > limits.maxNalBytes()) {
                throw new MediaFormatException("NAL unit at byte " + start + " is " + length + " bytes, limit is "
                        + limits.maxNalBytes());
            }
            if (length > 0) {
                byte[] nal = new byte[length];
                System.arraycopy(annexB, start, nal, 0, length);
                out.add(nal);
            }
            start = next;
        }
        return out;
    }

    /** {@link #accessUnits(Codec, byte[], Limits)} with {@link Limits#DEFAULT}. */
    public static List<List<byte[]>> accessUnits(Codec codec, byte[] annexB) {
        return accessUnits(codec, annexB, Limits.DEFAULT);
    }

    /**
     * The access units of {@code annexB} in decoding order, each a list of NAL units without start
     * codes. NAL units before the first picture (parameter sets, SEI) open the first unit.
     *
     * @throws MediaFormatException when a limit is exceeded or the stream is malformed
     */
    public static List<List<byte[]>> accessUnits(Codec codec, byte[] annexB, Limits limits) {
        Objects.requireNonNull(codec, "codec");
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean currentHasPicture = false;
        for (byte[] nal : nalUnits(annexB, limits)) {
            int type = NalUnits.type(codec, nal);
            boolean vcl = NalUnits.isVcl(codec, type);
            boolean opens = vcl ? startsPicture(codec, nal) : opensAccessUnit(codec, type);
            if (currentHasPicture && opens) {
                units.add(List.copyOf(current));
                current = new ArrayList<>();
                currentHasPicture = false;
            }
            if (current.size() == limits.maxNalUnitsPerAccessUnit()) {
                throw new MediaFormatException("access unit " + units.size() + " has more than "
                        + limits.maxNalUnitsPerAccessUnit() + " NAL units");
            }
            current.add(nal);
            currentHasPicture |= vcl;
        }
        if (!current.isEmpty()) {
            units.add(List.copyOf(current));
        }
        return units;
    }

    /** True when the access unit's NAL units include a random-access picture. */
    public static boolean isKeyframe(Codec codec, List<byte[]> accessUnit) {
        for (byte[] nal : accessUnit) {
            if (NalUnits.isRandomAccess(codec, NalUnits.type(codec, nal))) {
                return true;
            }
        }
        return false;
    }

    /** The non-VCL NAL types that may only come first in an access unit. */
    private static boolean opensAccessUnit(Codec codec, int type) {
        if (codec == Codec.H264) {
            // 6 SEI, 7 SPS, 8 PPS, 9 AUD, 14..18 prefix/subset SPS/reserved (7.4.1.2.3)
            return (type >= 6 && type <= 9) || (type >= 14 && type <= 18);
        }
        // 32..35 VPS/SPS/PPS/AUD, 39 prefix SEI, 41..44 and 48..55 reserved/unspecified (7.4.2.4.4)
        return (type >= 32 && type <= 35) || type == 39 || (type >= 41 && type <= 44) || (type >= 48 && type <= 55);
    }

    /**
     * The first slice of a picture: {@code first_mb_in_slice} is ue(v) 0, coded as a single 1
     * bit, right after the H.264 header byte; H.265 has {@code first_slice_segment_in_pic_flag}
     * as the first bit after its 2-byte header. A slice too short to say counts as a continuation.
     */
    private static boolean startsPicture(Codec codec, byte[] nal) {
        int at = codec == Codec.H264 ? 1 : 2;
        return nal.length > at && (nal[at] & 0x80) != 0;
    }

    /** The index just after the next start code at or after {@code from}, or -1. */
    private static int nextPayloadStart(byte[] b, int from) {
        for (int i = from; i + 2 < b.length; i++) {
            if ((b[i + 2] & 0xFF) > 1) {
                i += 2; // no start code can end at i + 2 or before, skip ahead
            } else if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    private static void checkLeadingZeros(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] != 0) {
                throw new MediaFormatException("Annex B stream has data before its first start code (byte " + i
                        + " is 0x" + Integer.toHexString(b[i] & 0xFF) + ")");
            }
        }
    }
}
