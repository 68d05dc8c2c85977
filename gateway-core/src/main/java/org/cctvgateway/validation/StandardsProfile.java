package org.cctvgateway.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A technical standard: rules applied together, named and versioned.
 *
 * @param id the standard's id ({@code safe-city-baseline})
 * @param version its version, shown in every report
 * @param doriEdition the IEC 62676-4 edition whose pixel densities {@link Check.MinPixelDensity} uses
 * @param unknownFails when true, a {@link Severity#FAIL} rule whose fact is unknown fails the verdict (meant for
 *     evidence, where an unproven camera must not pass); when false it only makes the verdict
 *     {@link Verdict#PASS_WITH_WARNINGS}
 * @param rules at least one, ids unique
 */
public record StandardsProfile(String id, String version, String title, String description, DoriEdition doriEdition,
        boolean unknownFails, List<Rule> rules) {
    public StandardsProfile {
        requireText("id", id);
        requireText("version", version);
        requireText("title", title);
        Objects.requireNonNull(description, "description");
        if (doriEdition == null) {
            throw new IllegalArgumentException("doriEdition is missing; use 2015 or 2025");
        }
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("rules is missing or empty");
        }
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("rule id '" + r.id() + "' is used twice");
            }
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
