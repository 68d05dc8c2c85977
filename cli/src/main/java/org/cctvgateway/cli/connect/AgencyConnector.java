package org.cctvgateway.cli.connect;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cctvgateway.GatewayException;
import org.cctvgateway.rtsp.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side's connector: listens for plain RTSP on loopback and carries each
 * connection over mutual TLS to the gateway, presenting the agency's certificate. It is a byte
 * pipe: RTSP passes unchanged, which works because the gateway's server builds Content-Base and
 * RTP-Info from the request URL the player sent ({@code rtsp://127.0.0.1:8554/...}). The one
 * exception: a SETUP for RTP over UDP, which would have the gateway send the video outside TLS,
 * is answered with 461 by the connector ({@link TransportGuard}), so the player retries over TCP.
 *
 * <pre>{@code
 * AgencyCertificate agency = AgencyCertificate.load(p12, Optional.empty(), "CCTV_AGENCY_P12_PASSWORD", System::getenv);
 * GatewayTrust trust = GatewayTrust.of(Optional.of(caPem), Optional.empty(), true);
 * try (AgencyConnector c = AgencyConnector.start(ConnectorOptions.of(ConnectorOptions.DEFAULT_LISTEN,
 *         new HostAndPort("gateway.example", 8322)), agency, trust, null, event -> { })) {
 *     // ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/site/camera/main
 * }
 * }</pre>
 *
 * <p>Threading: {@link #start} and {@link #close} block (bind, shutdown) and must not run on an
 * event loop; the listener is called on event loops and must not block. Thread-safe.
 */
public final class AgencyConnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgencyConnector.class);
    private static final long BIND_WAIT_SECONDS = 10;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ConnectorOptions options;
    private final String agency;
    private final SslContext sslContext;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Consumer<ConnectionEvent> listener;
    private final ChannelGroup players = new DefaultChannelGroup("players", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private Channel server;
    private boolean closed;

    private AgencyConnector(ConnectorOptions options, AgencyCertificate certificate, GatewayTrust trust,
                            EventLoopGroup group, boolean ownsGroup, Consumer<ConnectionEvent> listener) {
        this.options = options;
        this.agency = certificate.agency();
        this.sslContext = ConnectorTls.clientContext(certificate, trust, options.gateway().host());
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.listener = listener;
    }

    /**
     * Checks the listen address, builds the TLS context and starts listening.
     *
     * @param group the event loop group to run on, or null for one of the connector's own
     * @param listener told of each connection opened, closed or refused; called on event loops
     * @throws GatewayException when the listen address is not loopback (without {@code allowRemote})
     *     or cannot be bound
     */
    public static AgencyConnector start(ConnectorOptions options, AgencyCertificate certificate, GatewayTrust trust,
                                        EventLoopGroup group, Consumer<ConnectionEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        InetAddress listenAddress = checkListen(options);
        boolean owns = group == null;
        EventLoopGroup g = owns ? Transports.newEventLoopGroup(0) : group;
        AgencyConnector c;
        try {
            c = new AgencyConnector(options, certificate, trust, g, owns, listener);
        } catch (RuntimeException e) {
            if (owns) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
        try {
            c.bind(new InetSocketAddress(listenAddress, options.listen().port()));
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The resolved listen address: loopback, or anything with {@code allowRemote}. */
    static InetAddress checkListen(ConnectorOptions options) {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.listen().host());
        } catch (UnknownHostException e) {
            throw new GatewayException("--listen " + options.listen() + ": host '" + options.listen().host()
                    + "' is unknown", "listen on 127.0.0.1 (the default)", e);
        }
        if (!address.isLoopbackAddress() && !options.allowRemote()) {
            throw new GatewayException("--listen " + options.listen() + " is not a loopback address: the connector's "
                    + "plain RTSP side has no TLS and no login, so anyone who can reach it would watch under your "
                    + "agency's certificate", "listen on 127.0.0.1 (the default), or add --allow-remote if only "
                    + "trusted machines can reach that address");
        }
        if (!address.isLoopbackAddress()) {
            log.warn("listening on {} beyond loopback (--allow-remote): anyone who can reach it watches under this "
                    + "agency's certificate, with no login", options.listen());
        }
        return address;
    }

    private void bind(InetSocketAddress address) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverSocketChannel(group))
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("admit", new Admission());
                    }
                });
        ChannelFuture f = b.bind(address);
        if (!f.awaitUninterruptibly(BIND_WAIT_SECONDS, TimeUnit.SECONDS) || !f.isSuccess()) {
            String why = f.cause() == null ? "no answer within " + BIND_WAIT_SECONDS + "s" : f.cause().getMessage();
            f.channel().close();
            throw new GatewayException("cannot listen on " + options.listen() + ": " + why,
                    "another program (a local RTSP server?) may hold the port; choose another with --listen "
                            + "127.0.0.1:PORT", f.cause());
        }
        synchronized (this) {
            server = f.channel();
        }
        log.info("listening on {} for agency '{}', forwarding to {} over mutual TLS", localAddress(), agency,
                options.gateway());
    }

    /** Admits a new player connection within the limit and starts its {@link PlayerConnection}. */
    private final class Admission extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            ctx.pipeline().remove(this);
            if (active.incrementAndGet() > options.maxConnections()) {
                active.decrementAndGet();
                log.warn("connection from {} refused: {} connections are open, the limit (--max-connections)",
                        ch.remoteAddress(), options.maxConnections());
                ch.close();
                report(new ConnectionEvent.Refused((InetSocketAddress) ch.remoteAddress(), options.maxConnections()));
                return;
            }
            players.add(ch);
            new PlayerConnection(AgencyConnector.this, ids.incrementAndGet(), ch).open();
            ctx.fireChannelActive();
        }
    }

    ConnectorOptions options() {
        return options;
    }

    String agency() {
        return agency;
    }

    SslContext sslContext() {
        return sslContext;
    }

    void connectionEnded(ConnectionEvent.Closed event) {
        active.decrementAndGet();
        report(event);
    }

    void report(ConnectionEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            log.warn("connection listener failed on {}: {}", event, e.toString());
        }
    }

    /** The address players connect to (with the real port when 0 was asked for). */
    public synchronized InetSocketAddress localAddress() {
        if (server == null) {
            throw new IllegalStateException("connector is not listening");
        }
        return (InetSocketAddress) server.localAddress();
    }

    /** Player connections open now. */
    public int activeConnections() {
        return active.get();
    }

    /** Stops listening, closes every open connection and, if it made its own, the event loop group. Idempotent. */
    @Override
    public void close() {
        Channel s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
        }
        if (s != null) {
            s.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        players.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
