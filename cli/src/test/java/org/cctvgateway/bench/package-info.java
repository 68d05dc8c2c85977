/**
 * The media-plane benchmark (run by {@code bench/run}, never by the test suite): simulated 1080p
 * cameras relayed to RTP viewers by the gateway and, in the same run, by one {@code ffmpeg -c copy}
 * process per camera, measured from outside the same way for both: CPU seconds of the relay
 * processes per stream-second, bytes per second delivered, added latency per frame (matched by
 * slice content against a direct subscription to the camera), heap and RSS per stream, and the
 * share of expected frames delivered. Test scope only; class names avoid the Test/IT suffixes so
 * Surefire and Failsafe skip them.
 */
package org.cctvgateway.bench;
