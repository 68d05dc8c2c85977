package org.cctvgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.runtime.GatewayMetrics;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.simulator.CameraAuth;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.OnvifConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.config.TlsConfig;
import org.cctvgateway.media.Codec;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.testing.ExternalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway presented as an ONVIF device, as a video management system sees it: the ONVIF
 * adapter (found through ServiceLoader, as any integrator's would be) describes the gateway,
 * one profile per re-published stream, and the stream URI it hands out plays in ffprobe.
 */
class GatewayOnvifDeviceIT {
    @TempDir
    Path tmp;

    @Test
    void vmsAddsTheGatewayLikeACameraAndPlaysItsStreams() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try (CameraSimulator sim = CameraSimulator.start(2, "127.0.0.1", 0, Clip.bundled(Codec.H264),
                Optional.of(CameraAuth.forUser("camera", "admin", "cam-pw")), group, Clock.SYSTEM)) {
            List<StreamConfig> streams = List.of(
                    new StreamConfig("hotel-01", "lobby", "main", sim.cameras().get(0).url(), "admin", "CAM_PW", null,
                            null, null),
                    new StreamConfig("hotel-01", "gate", "main", sim.cameras().get(1).url(), "admin", "CAM_PW", null,
                            null, null));
            GatewayConfig cfg = new GatewayConfig(tmp.toString(), new ServerConfig("127.0.0.1", 0, TlsConfig.defaults(),
                    null, null, null, null, null, null), new AdminConfig(false, null, null), null, streams,
                    new OnvifConfig(true, "127.0.0.1", 0, "vms", "VMS_PW"));
            try (GatewayRuntime rt = GatewayRuntime.start(cfg,
                    n -> n.equals("CAM_PW") ? "cam-pw" : n.equals("VMS_PW") ? "vms-Secret-1" : null,
                    GatewayMetrics.newRegistry(), Clock.SYSTEM, group)) {
                int port = rt.onvifPort().orElseThrow();
                CameraAdapterProvider onvif = ServiceLoader.load(CameraAdapterProvider.class).stream()
                        .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("onvif")).findFirst().orElseThrow();
                ProbeTarget target = new ProbeTarget("127.0.0.1", port, Optional.empty());
                try (CameraAdapter adapter = onvif.create(AdapterContext.defaults())) {
                    ProbeResult wrong = adapter.probe(new ProbeRequest(target, new Credentials("vms", "nope"),
                            Duration.ofSeconds(10)));
                    assertThat(wrong).isInstanceOf(ProbeResult.AuthRejected.class);

                    ProbeResult result = adapter.probe(new ProbeRequest(target, new Credentials("vms", "vms-Secret-1"),
                            Duration.ofSeconds(10)));
                    assertThat(result).as(result.message()).isInstanceOf(ProbeResult.Ok.class);
                    CameraDescription d = ((ProbeResult.Ok) result).description();
                    assertThat(d.identity().manufacturer()).isEqualTo("cctv-gateway");
                    assertThat(d.profiles()).extracting(MediaProfile::name)
                            .containsExactly("hotel-01/lobby/main", "hotel-01/gate/main");
                    MediaProfile lobby = d.profiles().get(0);
                    assertThat(lobby.encoding()).isEqualTo("H264");
                    assertThat(lobby.width()).isEqualTo(640);
                    assertThat(lobby.height()).isEqualTo(360);
                    assertThat(lobby.streamUri().toString())
                            .isEqualTo("rtsps://127.0.0.1:" + rt.rtspPort() + "/hotel-01/lobby/main");

                    ExternalProcess.Result probe = ExternalProcess.run(List.of("ffprobe", "-v", "error",
                            "-rtsp_transport", "tcp", "-show_entries", "stream=codec_name,width,height", "-of",
                            "csv=p=0", lobby.streamUri().toString()), Duration.ofSeconds(30));
                    assertThat(probe.exitCode()).as(probe.stderr()).isZero();
                    assertThat(probe.stdout().trim()).isEqualTo("h264,640,360");
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
