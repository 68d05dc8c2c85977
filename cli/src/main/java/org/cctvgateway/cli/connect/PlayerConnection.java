package org.cctvgateway.cli.connect;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.cctvgateway.rtsp.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One player's connection and its TLS connection to the gateway, on one event loop (the
 * player's; the gateway side is registered on the same loop, so no state here is shared across
 * threads). Reading from the player starts only once the TLS session is up, so nothing the
 * player sends is lost or sent in clear. Either side closing closes the other after flushing what
 * it still holds; a failure is logged once, as one line naming the reason, and reported in the
 * {@link ConnectionEvent.Closed} event.
 */
final class PlayerConnection {
    private static final Logger log = LoggerFactory.getLogger(PlayerConnection.class);

    private final AgencyConnector connector;
    private final long id;
    private final Channel player;
    private final InetSocketAddress playerAddress;
    private final long startNanos = System.nanoTime();
    private Channel gateway;
    private SslHandler tls;
    private boolean flowing;
    private boolean finished;
    private long toGateway;
    private long fromGateway;
    private Optional<String> refusal = Optional.empty();
    private boolean udpRefused;

    PlayerConnection(AgencyConnector connector, long id, Channel player) {
        this.connector = connector;
        this.id = id;
        this.player = player;
        this.playerAddress = (InetSocketAddress) player.remoteAddress();
    }

    /** Dials the gateway; called once, on the player's event loop, with the player's reading off. */
    void open() {
        player.pipeline().addLast("relay", new RelayHandler(this, true));
        ConnectorOptions o = connector.options();
        HostAndPort gw = o.gateway();
        Bootstrap b = new Bootstrap()
                .group(player.eventLoop())
                .channel(Transports.socketChannel(player.eventLoop()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        o.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls = connector.sslContext().newHandler(ch.alloc(), gw.host(), gw.port());
                        tls.setHandshakeTimeoutMillis(o.handshakeTimeout().toMillis());
                        tls.handshakeFuture().addListener(PlayerConnection.this::handshakeDone);
                        ch.pipeline().addLast("tls", tls).addLast("relay", new RelayHandler(PlayerConnection.this,
                                false));
                    }
                });
        ChannelFuture connect = b.connect(gw.host(), gw.port());
        gateway = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(f.cause());
            }
        });
    }

    private void handshakeDone(Future<? super Channel> f) {
        if (!f.isSuccess()) {
            fail(f.cause());
            return;
        }
        if (finished) {
            return;
        }
        flowing = true;
        String protocol = tls.engine().getSession().getProtocol();
        log.info("{} - player {} connected to gateway {} as '{}' ({})", prefix(), playerAddress,
                connector.options().gateway(), connector.agency(), protocol);
        connector.report(new ConnectionEvent.Opened(id, playerAddress));
        player.config().setAutoRead(true);
    }

    Channel peerOf(boolean fromPlayer) {
        return fromPlayer ? gateway : player;
    }

    boolean isFlowing() {
        return flowing;
    }

    /**
     * Answers a player's request for RTP over UDP here ({@link TransportGuard}); takes ownership of
     * {@code fromPlayer} when it returns true, leaves it to the caller otherwise.
     */
    boolean answeredLocally(ChannelHandlerContext ctx, ByteBuf fromPlayer) {
        Optional<String> reply = TransportGuard.refuseUdpSetup(fromPlayer);
        if (reply.isEmpty()) {
            return false;
        }
        fromPlayer.release();
        if (!udpRefused) {
            udpRefused = true;
            log.info("{} - player asked for RTP over UDP, which would leave the TLS connection; answered 461 so it "
                    + "uses RTSP over TCP", prefix());
        }
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply.get(), StandardCharsets.US_ASCII));
        return true;
    }

    /** Counts what passes; borrows {@code msg}. A refusal from the gateway is logged once each. */
    void count(boolean fromPlayer, Object msg) {
        if (msg instanceof ByteBuf buf) {
            if (fromPlayer) {
                toGateway += buf.readableBytes();
            } else {
                fromGateway += buf.readableBytes();
                Optional<String> refused = ConnectFailures.refusal(buf);
                if (refused.isPresent()) {
                    log.warn("{} - {}", prefix(), refused.get());
                    refusal = refused;
                }
            }
        }
    }

    /** One side closed: the other gets what is still queued for it, then closes too. */
    void sideClosed(boolean playerSide) {
        if (!playerSide && !flowing) {
            // The gateway hung up before the TLS session was up: the handshake future reports why.
            player.close();
            return;
        }
        finish(Optional.empty());
    }

    void sideFailed(boolean playerSide, Throwable cause) {
        if (playerSide) {
            // A player resetting its connection is how many players stop; not the connector's failure.
            log.debug("{} - player side: {}", prefix(), cause.toString());
            finish(Optional.empty());
            return;
        }
        if (!flowing || ConnectFailures.receivedAlert(cause).isPresent()) {
            fail(cause);
        } else {
            finish(Optional.of("connection to gateway " + connector.options().gateway() + " broke: "
                    + cause.getMessage()));
        }
    }

    private void fail(Throwable cause) {
        ConnectorOptions o = connector.options();
        finish(Optional.of(ConnectFailures.describe(cause, o.gateway(), o.connectTimeout(), o.handshakeTimeout())));
    }

    private void finish(Optional<String> failure) {
        if (finished) {
            return;
        }
        finished = true;
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (failure.isPresent()) {
            log.warn("{} - {}", prefix(), failure.get());
        } else if (refusal.isEmpty()) {
            log.info("{} - closed after {} ms: {} bytes to gateway, {} bytes from gateway", prefix(), took.toMillis(),
                    toGateway, fromGateway);
        }
        closeAfterFlush(player);
        if (gateway != null) {
            closeAfterFlush(gateway);
        }
        // A refusal the player was shown was logged when it passed; it is why the player gave up.
        connector.connectionEnded(new ConnectionEvent.Closed(id, playerAddress, toGateway, fromGateway, took,
                failure.isPresent() ? failure : refusal));
    }

    private static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    private String prefix() {
        return "connect#" + id;
    }
}
