/**
 * RTSP wire pieces that Netty's {@code io.netty.handler.codec.rtsp} codec lacks: the
 * {@link org.cctvgateway.rtsp.codec.RtspFramingDecoder} that splits {@code $}-interleaved binary
 * frames from RTSP text in front of {@code RtspDecoder}, the {@link
 * org.cctvgateway.rtsp.codec.InterleavedFrame} message and its encoder, value records for header
 * fields such as {@link org.cctvgateway.rtsp.codec.TransportHeader}, and URL helpers that keep
 * credentials out of logs. Everything here is plain protocol logic with size limits; malformed
 * network input raises a {@link io.netty.handler.codec.DecoderException} subclass naming the
 * value and the limit.
 */
package org.cctvgateway.rtsp.codec;
