package org.cctvgateway.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;

/**
 * The owner's consent for one camera: without it, or once it has expired, the camera is not
 * re-published whatever its state.
 *
 * @param consentedBy who gave consent (the owner or the person responsible), never blank
 * @param consentedAt when consent was given
 * @param mode the sharing mode they chose
 * @param expiresAt when consent ends, if it does; must be after {@code consentedAt}
 * @param note a free-text reference (a signed form's number, an email), may be empty
 */
public record Consent(String consentedBy, Instant consentedAt, SharingMode mode, Optional<Instant> expiresAt,
        String note) {
    public Consent {
        Objects.requireNonNull(consentedBy, "consentedBy");
        Objects.requireNonNull(consentedAt, "consentedAt");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(note, "note");
        consentedBy = consentedBy.strip();
        if (consentedBy.isEmpty()) {
            throw new GatewayException("consent has no name of who gave it",
                    "give the owner's or responsible person's name, e.g. --consent-by 'A. Sharma, manager'");
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(consentedAt)) {
            throw new GatewayException("consent expiry " + expiresAt.get() + " is not after the time it was given, "
                    + consentedAt, "give an expiry in the future");
        }
    }

    /** True when this consent allows re-publishing at {@code now}: not expired and the mode is not off. */
    public boolean permitsServingAt(Instant now) {
        return mode != SharingMode.OFF && expiresAt.map(now::isBefore).orElse(true);
    }
}
