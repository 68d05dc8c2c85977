/**
 * SDP (RFC 8866, formerly RFC 4566) as RTSP uses it: {@link org.cctvgateway.sdp.SessionDescription#parse}
 * reads a camera's DESCRIBE answer within fixed size limits into records and picks the first
 * H.264/H.265 video track ({@link org.cctvgateway.sdp.VideoTrack}) with its out-of-band parameter
 * sets; {@link org.cctvgateway.sdp.SdpWriter} writes the description of a stream the gateway
 * re-publishes. Unknown attributes are ignored, vendor quirks are tolerated where they are named
 * in the code, and anything unreadable raises {@link org.cctvgateway.sdp.SdpParseException}
 * with the line number.
 */
package org.cctvgateway.sdp;
