/**
 * H.265 (ITU-T H.265 | ISO/IEC 23008-2) parameter set reading:
 * {@link org.cctvgateway.media.h265.H265Sps} gives picture size after the conformance window,
 * profile, tier, level, sampling and VUI frame rate; {@link org.cctvgateway.media.h265.H265Vps}
 * gives the VPS timing a stream may state instead. Input is hostile network data: the readers
 * are bounded and fail with {@link org.cctvgateway.media.MediaFormatException}.
 */
package org.cctvgateway.media.h265;
