package org.cctvgateway.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A period during which the {@code emergency-only} cameras of one site may be served, opened for a
 * stated reason and case number. Windows stay on record after they end.
 *
 * @param id short unique id ({@code em-3f9a1c2b})
 * @param siteId the site whose emergency-only cameras it opens
 * @param reason why, in the words of whoever opened it
 * @param caseNumber the incident or case reference it was opened under
 * @param opened when it was opened
 * @param until when it ends by itself
 * @param openedBy who opened it, when known
 * @param closedAt when it was closed before {@code until}; empty if it was not
 */
public record EmergencyWindow(String id, String siteId, String reason, String caseNumber, Instant opened,
                              Instant until, Optional<String> openedBy, Optional<Instant> closedAt) {
    public EmergencyWindow {
        Objects.requireNonNull(id, "id");
        if (!AgencyGrant.ID.matcher(Objects.requireNonNull(siteId, "siteId")).matches()) {
            throw new IllegalArgumentException("site id '" + siteId + "' is not valid");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(openedBy, "openedBy");
        Objects.requireNonNull(closedAt, "closedAt");
        if (!until.isAfter(opened)) {
            throw new IllegalArgumentException("window " + id + " ends (" + until + ") before it opens ("
                    + opened + ")");
        }
    }

    /** Whether the window is open at {@code now}: opened, not yet ended, not closed. */
    public boolean isOpenAt(Instant now) {
        Instant end = closedAt.filter(c -> c.isBefore(until)).orElse(until);
        return !now.isBefore(opened) && now.isBefore(end);
    }

    /** When it actually ends: its closing time if closed early, else {@code until}. */
    public Instant end() {
        return closedAt.filter(c -> c.isBefore(until)).orElse(until);
    }

    /** A copy closed at {@code at}. */
    public EmergencyWindow closed(Instant at) {
        return new EmergencyWindow(id, siteId, reason, caseNumber, opened, until, openedBy, Optional.of(at));
    }
}
