package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoriTest {
    @Test
    void fullHdAt90DegreesAnd3MetresIdentifiesIn2015ButOnlyRecognisesIn2025() {
        // Scene width = 2 * 3 m * tan(45 deg) = 2 * 3 * 1 = 6 m; 1920 px / 6 m = 320 px/m.
        // 2015: 320 >= 250 (identify). 2025: 320 < 500, >= 125 (recognise).
        Placement p = new Placement(90, 3);
        assertThat(Dori.pixelsPerMetre(1920, p)).isCloseTo(320.0, within(1e-9));
        assertThat(Dori.achieved(1920, p, DoriEdition.IEC_62676_4_2015)).contains(DoriLevel.IDENTIFY);
        assertThat(Dori.achieved(1920, p, DoriEdition.IEC_62676_4_2025)).contains(DoriLevel.RECOGNISE);
    }

    @Test
    void hdAt60DegreesAnd10MetresObserves() {
        // Scene width = 2 * 10 m * tan(30 deg) = 20 * 0.577350 = 11.547 m; 1280 / 11.547 = 110.85 px/m.
        // 110.85 >= 62.5 (observe), < 125 (recognise), in both editions.
        Placement p = new Placement(60, 10);
        assertThat(Dori.pixelsPerMetre(1280, p)).isCloseTo(110.85, within(0.01));
        assertThat(Dori.achieved(1280, p, DoriEdition.IEC_62676_4_2015)).contains(DoriLevel.OBSERVE);
        assertThat(Dori.achieved(1280, p, DoriEdition.IEC_62676_4_2025)).contains(DoriLevel.OBSERVE);
    }

    @Test
    void exactlyAtALevelReachesIt() {
        // 4K (3840 px) at 90 degrees: identify 2025 needs 500 px/m, so d = 3840 / (500 * 2 * tan 45) = 3.84 m.
        assertThat(Dori.maxDistanceMeters(3840, 90, DoriLevel.IDENTIFY, DoriEdition.IEC_62676_4_2025))
                .isCloseTo(3.84, within(1e-9));
        assertThat(Dori.achieved(500.0, DoriEdition.IEC_62676_4_2025)).contains(DoriLevel.IDENTIFY);
        assertThat(Dori.achieved(499.99, DoriEdition.IEC_62676_4_2025)).contains(DoriLevel.RECOGNISE);
        assertThat(Dori.achieved(250.0, DoriEdition.IEC_62676_4_2015)).contains(DoriLevel.IDENTIFY);
    }

    @Test
    void belowDetectionIsNoLevel() {
        // 640 px at 90 degrees and 20 m: 640 / (2 * 20 * 1) = 16 px/m, under 25 (detect).
        assertThat(Dori.pixelsPerMetre(640, new Placement(90, 20))).isCloseTo(16.0, within(1e-9));
        assertThat(Dori.achieved(640, new Placement(90, 20), DoriEdition.IEC_62676_4_2015)).isEqualTo(Optional.empty());
    }

    @Test
    void editionsDifferOnlyInIdentification() {
        assertThat(DoriEdition.IEC_62676_4_2015.pixelsPerMetre(DoriLevel.DETECT)).isEqualTo(25);
        assertThat(DoriEdition.IEC_62676_4_2015.pixelsPerMetre(DoriLevel.OBSERVE)).isEqualTo(62.5);
        assertThat(DoriEdition.IEC_62676_4_2015.pixelsPerMetre(DoriLevel.RECOGNISE)).isEqualTo(125);
        assertThat(DoriEdition.IEC_62676_4_2015.pixelsPerMetre(DoriLevel.IDENTIFY)).isEqualTo(250);
        assertThat(DoriEdition.IEC_62676_4_2025.pixelsPerMetre(DoriLevel.IDENTIFY)).isEqualTo(500);
        assertThat(DoriEdition.parse("2025")).isEqualTo(DoriEdition.IEC_62676_4_2025);
    }
}
