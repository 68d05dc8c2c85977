/**
 * Which Netty transport the gateway's sockets use: the native epoll transport on Linux when its
 * library loads, NIO otherwise. {@link org.cctvgateway.rtsp.transport.Transports} makes the event
 * loop group and picks every channel class from the group it is given, so a channel always matches
 * the loop it is registered on, whichever group a caller (or a test) built. Epoll matters on the
 * media path: a UDP viewer's packets (an RTP header buffer joined to a slice of the shared NAL unit)
 * leave as one {@code sendmmsg} per access unit with the header and payload as separate iovecs,
 * where NIO copies every packet into one new direct buffer and makes one {@code sendto} each.
 */
package org.cctvgateway.rtsp.transport;
