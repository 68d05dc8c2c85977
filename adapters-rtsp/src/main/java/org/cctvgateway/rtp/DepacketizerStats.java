package org.cctvgateway.rtp;

/**
 * Counters of one depacketizer since it was made (a {@link RtpDepacketizer#reset()} keeps them).
 *
 * @param packetsReceived every packet pushed, duplicates and malformed ones included
 * @param packetsLost sequence numbers that never arrived within the reorder window
 * @param packetsReordered packets that arrived after a later one and were put back in order
 * @param packetsMalformed packets dropped as unreadable, unsupported or over a size limit
 * @param unitsEmitted access units handed to the caller
 * @param unitsDroppedAfterLoss access units discarded because of a loss or malformed packet,
 *        while waiting for the next keyframe
 * @param packetsDuplicated packets dropped because their sequence number was already seen or
 *        had already been given up as lost
 */
public record DepacketizerStats(long packetsReceived, long packetsLost, long packetsReordered, long packetsMalformed,
                                long unitsEmitted, long unitsDroppedAfterLoss, long packetsDuplicated) {
    public DepacketizerStats {
        if (packetsReceived < 0 || packetsLost < 0 || packetsReordered < 0 || packetsMalformed < 0
                || unitsEmitted < 0 || unitsDroppedAfterLoss < 0 || packetsDuplicated < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
    }
}
