/**
 * The RTSP(S) server that re-publishes normalized streams to viewers: {@link
 * org.cctvgateway.rtsp.server.RtspServer} listens (plain or TLS 1.3/1.2, optionally with client
 * certificates), answers OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER and
 * SET_PARAMETER, and sends each viewer RTP over the RTSP connection (interleaved) or over UDP
 * unicast, with periodic RTCP sender reports. Streams are found through a {@link
 * org.cctvgateway.rtsp.server.MountResolver} ({@link org.cctvgateway.rtsp.server.MountRegistry} in
 * the gateway); each viewer subscribes to a {@code StreamHub}, shares its buffers without copies
 * and, when it cannot keep up, skips to the next keyframe and is then disconnected, never slowing
 * the camera or other viewers. Handlers run on the channel's event loop and never block.
 */
package org.cctvgateway.rtsp.server;
