package org.cctvgateway.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a source's state for health checks and the command line.
 *
 * @param lastError the last failure in plain words, empty when none
 * @param reconnects how many times the source has reconnected since it started
 * @param since when the source entered {@code state}
 */
public record SourceStatus(SourceState state, String lastError, long reconnects, Instant since) {
    public SourceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(since, "since");
    }
}
