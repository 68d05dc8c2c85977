package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the NAL units of the access unit being received and reassembles fragmented NAL
 * units (FU-A, H.265 FU), enforcing {@link DepacketizerLimits}. Not thread-safe.
 *
 * <p><b>Buffers.</b> A NAL unit that arrives whole is kept as a retained slice of the packet
 * (no copy). A fragmented NAL unit is held as retained slices of its fragments and copied once,
 * at its end fragment, into one buffer from the allocator sized exactly to the NAL unit (its
 * rebuilt header plus the fragments): one copy, instead of a composite of hundreds of slices
 * that would pin every datagram buffer and slow every reader downstream.
 */
public final class AccessUnitAssembler implements AutoCloseable {
    private final DepacketizerLimits limits;
    private final ByteBufAllocator alloc;
    private final List<ByteBuf> nals = new ArrayList<>();
    private int unitBytes;
    private final List<ByteBuf> fragments = new ArrayList<>();
    private int fragmentHeader;
    private int fragmentHeaderBytes;
    private int fragmentType = -1;
    private int fragmentBytes;
    private boolean skipOrphanFragments;

    public AccessUnitAssembler(DepacketizerLimits limits, ByteBufAllocator alloc) {
        this.limits = limits;
        this.alloc = alloc;
    }

    /**
     * Adds a whole NAL unit: a retained slice of {@code source[index, index+length)}; borrows
     * {@code source}.
     *
     * @throws RtpProtocolException for an empty NAL unit, an incomplete fragment or a limit
     */
    public void addNal(ByteBuf source, int index, int length) {
        if (length <= 0) {
            throw new RtpProtocolException("zero-length NAL unit");
        }
        if (fragmentType >= 0) {
            throw new RtpProtocolException("whole NAL unit arrived while the fragmented NAL unit of type "
                    + fragmentType + " was incomplete (no end fragment)");
        }
        checkNal(length);
        skipOrphanFragments = false;
        nals.add(source.retainedSlice(index, length));
        unitBytes += length;
    }

    /**
     * Starts a fragmented NAL unit.
     *
     * @param header the NAL unit header rebuilt from the fragment headers, big-endian
     * @param headerBytes 1 (H.264) or 2 (H.265)
     * @param nalType the NAL unit type, to match the following fragments
     */
    public void startFragment(int header, int headerBytes, int nalType, ByteBuf source, int index, int length) {
        if (fragmentType >= 0) {
            throw new RtpProtocolException("fragment start of NAL type " + nalType
                    + " while the fragmented NAL unit of type " + fragmentType + " was incomplete");
        }
        skipOrphanFragments = false;
        checkNal(headerBytes + length);
        fragmentHeader = header;
        fragmentHeaderBytes = headerBytes;
        fragmentType = nalType;
        fragmentBytes = headerBytes + length;
        if (length > 0) {
            fragments.add(source.retainedSlice(index, length));
        }
    }

    /**
     * Adds a middle or end fragment. A fragment with no start is dropped quietly after a loss
     * (its start was lost, already counted) and rejected otherwise.
     */
    public void continueFragment(int nalType, ByteBuf source, int index, int length, boolean end) {
        if (fragmentType < 0) {
            if (skipOrphanFragments) {
                return;
            }
            throw new RtpProtocolException("fragment of NAL type " + nalType + " without a start fragment");
        }
        if (nalType != fragmentType) {
            throw new RtpProtocolException("fragment of NAL type " + nalType
                    + " interleaved into the fragmented NAL unit of type " + fragmentType);
        }
        checkNal(fragmentBytes + length);
        if (length > 0) {
            fragments.add(source.retainedSlice(index, length));
        }
        fragmentBytes += length;
        if (end) {
            finishFragment();
        }
    }

    private void finishFragment() {
        ByteBuf nal = alloc.buffer(fragmentBytes, fragmentBytes);
        try {
            if (fragmentHeaderBytes == 2) {
                nal.writeShort(fragmentHeader);
            } else {
                nal.writeByte(fragmentHeader);
            }
            for (ByteBuf f : fragments) {
                nal.writeBytes(f, f.readerIndex(), f.readableBytes());
            }
        } finally {
            releaseFragments();
        }
        nals.add(nal);
        unitBytes += nal.readableBytes();
    }

    private void checkNal(int nalBytes) {
        if (nalBytes > limits.maxNalBytes()) {
            throw new RtpProtocolException("NAL unit of at least " + nalBytes + " bytes exceeds the limit of "
                    + limits.maxNalBytes() + " (maxNalBytes)");
        }
        if (unitBytes + nalBytes > limits.maxAccessUnitBytes()) {
            throw new RtpProtocolException("access unit of at least " + (unitBytes + nalBytes)
                    + " bytes exceeds the limit of " + limits.maxAccessUnitBytes() + " (maxAccessUnitBytes)");
        }
        if (nals.size() + 1 > limits.maxNalsPerUnit()) {
            throw new RtpProtocolException("access unit has more than " + limits.maxNalsPerUnit()
                    + " NAL units (maxNalsPerUnit)");
        }
    }

    /** True when no NAL unit and no fragment is held. */
    public boolean isEmpty() {
        return nals.isEmpty() && fragmentType < 0;
    }

    /** True while a fragmented NAL unit has started and not ended. */
    public boolean fragmentInProgress() {
        return fragmentType >= 0;
    }

    /**
     * Hands over the finished NAL units (the caller owns them) and starts a new unit. The list is
     * unmodifiable, so {@code AccessUnit}'s {@code List.copyOf} keeps it instead of copying again.
     */
    public List<ByteBuf> takeNals() {
        List<ByteBuf> taken = List.copyOf(nals);
        nals.clear();
        unitBytes = 0;
        return taken;
    }

    /**
     * Releases everything held. With {@code afterLoss}, fragments that arrive without a start are
     * dropped quietly until the next start or whole NAL unit, since their start was lost.
     */
    public void discard(boolean afterLoss) {
        for (ByteBuf nal : nals) {
            nal.release();
        }
        nals.clear();
        unitBytes = 0;
        releaseFragments();
        skipOrphanFragments = afterLoss;
    }

    private void releaseFragments() {
        for (ByteBuf f : fragments) {
            f.release();
        }
        fragments.clear();
        fragmentType = -1;
        fragmentBytes = 0;
    }

    @Override
    public void close() {
        discard(false);
    }
}
