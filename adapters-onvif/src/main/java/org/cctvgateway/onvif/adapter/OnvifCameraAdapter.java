package org.cctvgateway.onvif.adapter;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cctvgateway.onvif.client.OnvifProbe;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one camera over ONVIF. The probe runs on the context's blocking executor under an
 * overall deadline (a probe makes about a dozen calls, each with the request's timeout), and any
 * {@link RuntimeException} from it becomes a {@link ProbeResult.MalformedReply} naming the
 * adapter and the camera.
 */
public final class OnvifCameraAdapter implements CameraAdapter {
    /** Calls in one probe, for the overall deadline: clock, 7 device calls, and media calls for a few profiles. */
    static final int CALL_BUDGET = 16;
    private static final Logger LOG = LoggerFactory.getLogger(OnvifCameraAdapter.class);

    private final AdapterContext context;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OnvifCameraAdapter(AdapterContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String adapterId() {
        return "onvif";
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("adapter 'onvif' is closed");
        }
        String camera = request.target().display();
        InstantSource clock = () -> Instant.ofEpochMilli(context.clock().wallTime());
        OnvifProbe probe = new OnvifProbe(clock, context.maxReplyBytes());
        CompletableFuture<ProbeResult> future = CompletableFuture.supplyAsync(() -> probe.probe(request),
                context.blockingExecutor());
        long deadlineMs = request.timeout().toMillis() * CALL_BUDGET;
        try {
            ProbeResult result = future.get(deadlineMs, TimeUnit.MILLISECONDS);
            if (result == null) {
                return new ProbeResult.MalformedReply("adapter 'onvif' returned no result for camera " + camera,
                        "report this as a bug");
            }
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ProbeResult.Unreachable("camera " + camera + " did not finish the ONVIF probe within "
                    + deadlineMs + " ms", "the camera answers very slowly; try a longer --timeout");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new ProbeResult.Unreachable("probe of camera " + camera + " was interrupted", "probe again");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("{}: adapter 'onvif' failed: {}", camera, cause.toString());
            return new ProbeResult.MalformedReply("adapter 'onvif' failed on camera " + camera + ": " + cause,
                    "the camera's reply broke the ONVIF adapter; update the camera's firmware and report the model");
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
