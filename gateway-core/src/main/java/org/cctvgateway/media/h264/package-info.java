/**
 * H.264 (ITU-T H.264 | ISO/IEC 14496-10) sequence parameter set reading:
 * {@link org.cctvgateway.media.h264.H264Sps} gives the picture size after cropping, profile,
 * level, sampling and VUI frame rate of a camera's stream. Input is hostile network data: the
 * reader is bounded and fails with {@link org.cctvgateway.media.MediaFormatException}.
 */
package org.cctvgateway.media.h264;
