/**
 * The RTSP ingest client: {@link org.cctvgateway.rtsp.client.RtspStreamSource} keeps one RTSP
 * 1.0 session with a camera (OPTIONS, DESCRIBE, SETUP of the video track over TCP-interleaved
 * or UDP, PLAY, keep-alives, TEARDOWN), authenticates with Basic or Digest, follows redirects,
 * depacketizes the RTP into access units for a sink, and reconnects with capped, jittered
 * exponential backoff after any failure. Netty glue is thin: {@link
 * org.cctvgateway.rtsp.client.RtspIngestInitializer} builds the pipeline and one handler per
 * connection drives the request sequence; the protocol pieces live in
 * {@code org.cctvgateway.rtsp.codec}, {@code org.cctvgateway.sdp} and {@code org.cctvgateway.rtp}.
 * Everything runs on one event loop of the shared group and never blocks it.
 */
package org.cctvgateway.rtsp.client;
