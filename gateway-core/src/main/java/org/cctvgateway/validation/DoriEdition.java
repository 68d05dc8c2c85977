package org.cctvgateway.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The edition of IEC 62676-4 whose pixel densities (pixels per metre at the target) a standard uses.
 *
 * <ul>
 *   <li>2015: detect 25, observe 62.5, recognise 125, identify 250 px/m (the DORI levels).</li>
 *   <li>2025: the 2025 edition replaces the four DORI levels with seven (overview, outline, discern, perceive,
 *       characterize, validate, scrutinize). Its public summaries agree that identifying a person now needs
 *       500 px/m (the "validate" level); they do not give the other levels' figures consistently, so the lower
 *       three levels keep the 2015 figures here until checked against the standard's text.</li>
 * </ul>
 * In a standards file it is written {@code "2015"} or {@code "2025"} (the constant names are accepted too).
 */
public enum DoriEdition {
    IEC_62676_4_2015(25, 62.5, 125, 250),
    // Lower three levels: 2015 figures kept, see the class comment.
    IEC_62676_4_2025(25, 62.5, 125, 500);

    private final double[] pixelsPerMetre;

    DoriEdition(double detect, double observe, double recognise, double identify) {
        this.pixelsPerMetre = new double[] {detect, observe, recognise, identify};
    }

    /** The pixels per metre at the target that {@code level} needs in this edition. */
    public double pixelsPerMetre(DoriLevel level) {
        return pixelsPerMetre[level.ordinal()];
    }

    /** Reads {@code "2015"}, {@code "2025"} or a constant name; anything else is an IllegalArgumentException. */
    @JsonCreator
    public static DoriEdition parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "2015", "IEC_62676_4_2015", "IEC 62676-4:2015":
                return IEC_62676_4_2015;
            case "2025", "IEC_62676_4_2025", "IEC 62676-4:2025":
                return IEC_62676_4_2025;
            default:
                throw new IllegalArgumentException("doriEdition '" + text + "' is not 2015 or 2025");
        }
    }
}
