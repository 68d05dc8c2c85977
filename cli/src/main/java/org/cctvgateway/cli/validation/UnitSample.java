package org.cctvgateway.cli.validation;

/**
 * What the sampler keeps of one access unit: times and sizes, never the picture.
 *
 * @param timestamp 90 kHz media time, unwrapped
 * @param arrivalNanos the gateway's monotonic clock when the unit arrived
 * @param arrivalWallMillis the gateway's wall clock when the unit arrived
 * @param captureTimeNanos the capture time the unit carries (epoch nanoseconds)
 * @param cameraClock true when {@code captureTimeNanos} came from the camera's RTCP sender reports
 * @param keyframe a random-access picture
 * @param bytes payload bytes of all NAL units, without start codes
 * @param parameterSets true when the unit carried its own SPS and PPS (and VPS for H.265)
 * @param packets RTP packets the unit took, estimated from its NAL sizes
 */
record UnitSample(long timestamp, long arrivalNanos, long arrivalWallMillis, long captureTimeNanos,
                  boolean cameraClock, boolean keyframe, int bytes, boolean parameterSets, int packets) {
}
