package org.hydrodelta.maps.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.Arrays;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.io.GeoJsonReader;
import org.junit.jupiter.api.Test;

class StyleTest {
    @Test
    void viridisHasItsPublishedEndsAndMiddle() {
        assertThat(ColorRamp.VIRIDIS.at(0)).isEqualTo(new Color(0x440154));
        assertThat(ColorRamp.VIRIDIS.at(0.5)).isEqualTo(new Color(0x21918c));
        assertThat(ColorRamp.VIRIDIS.at(1)).isEqualTo(new Color(0xfde725));
        assertThat(ColorRamp.VIRIDIS.at(2)).isEqualTo(new Color(0xfde725));
    }

    @Test
    void viridisLightnessIncreasesMonotonically() {
        double prev = -1;
        for (int i = 0; i <= 100; i++) {
            Color c = ColorRamp.VIRIDIS.at(i / 100.0);
            double luma = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertThat(luma).isGreaterThanOrEqualTo(prev);
            prev = luma;
        }
    }

    @Test
    void divergingScaleCentresZeroOnTheNeutralColourForAsymmetricData() {
        ColorScale s = Classification.CONTINUOUS.scale(ColorRamp.RDBU, new double[] {-0.2, 0.05, 0.6}, 0);
        assertThat(s.min()).isEqualTo(-0.6);
        assertThat(s.max()).isEqualTo(0.6);
        assertThat(s.colorFor(0)).isEqualTo(new Color(0xf7f7f7));
        assertThat(s.colorFor(-0.6)).isEqualTo(new Color(0x67001f));
        assertThat(s.colorFor(0.6)).isEqualTo(new Color(0x053061));
    }

    @Test
    void divergingClassesKeepNegativeAndPositiveOnTheirSideOfTheCentre() {
        ClassedColorScale s = new ClassedColorScale(ColorRamp.RDBU, new double[] {-2, -1, 0, 1, 4},
                ColorScale.DEFAULT_NAN_COLOR);
        Color negative = s.colorFor(-0.5);
        Color positive = s.colorFor(0.5);
        assertThat(negative.getRed()).isGreaterThan(negative.getBlue());
        assertThat(positive.getBlue()).isGreaterThan(positive.getRed());
        // the widest positive class reaches the dark blue end, the small negative one stays lighter than the red end
        assertThat(s.colorFor(4)).isEqualTo(ColorRamp.RDBU.at(0.5 + 2.5 / 8));
        assertThat(s.colorFor(-2)).isEqualTo(ColorRamp.RDBU.at(0.5 - 1.5 / 8));
    }

    @Test
    void missingValuesGetTheNanColour() {
        ColorScale s = Classification.QUANTILES.scale(ColorRamp.VIRIDIS, new double[] {1, 2, Double.NaN, 4}, 3);
        assertThat(s.colorFor(Double.NaN)).isEqualTo(ColorScale.DEFAULT_NAN_COLOR);
        for (int i = 0; i <= 20; i++) {
            assertThat(ColorRamp.VIRIDIS.at(i / 20.0)).isNotEqualTo(ColorScale.DEFAULT_NAN_COLOR);
        }
    }

    @Test
    void quantileClassesHoldEqualSharesOfTheGaugeAridities() throws Exception {
        double[] aridity = GeoJsonReader.read(TestData.gauges()).numbers("aridity");
        ClassedColorScale s = (ClassedColorScale) Classification.QUANTILES.scale(ColorRamp.VIRIDIS, aridity, 5);
        int[] counts = new int[5];
        for (double v : aridity) {
            counts[s.classOf(v)]++;
        }
        assertThat(Arrays.stream(counts).sum()).isEqualTo(671);
        for (int c : counts) {
            assertThat(c).isBetween(133, 136);
        }
        assertThat(s.entries()).hasSize(5);
        // PDF export uses standard fonts: legend text must be Latin-1
        assertThat(s.entries()).allSatisfy(e -> assertThat(
                java.nio.charset.StandardCharsets.ISO_8859_1.newEncoder().canEncode(e.label())).isTrue());
        assertThat(s.entries().get(0).label()).matches("[0-9.]+ to [0-9.]+");
        assertThat(s.colorFor(s.min())).isEqualTo(ColorRamp.VIRIDIS.at(0));
        assertThat(s.colorFor(s.max())).isEqualTo(ColorRamp.VIRIDIS.at(1));
    }

    @Test
    void equalIntervalBreaksAreEvenlySpaced() {
        double[] b = Classification.equalIntervalBreaks(new double[] {2, 10, Double.NaN, 4}, 4);
        assertThat(b).containsExactly(2, 4, 6, 8, 10);
        ClassedColorScale s = new ClassedColorScale(ColorRamp.MAGMA, b, ColorScale.DEFAULT_NAN_COLOR);
        assertThat(s.classOf(3.9)).isZero();
        assertThat(s.classOf(4)).isEqualTo(1);
        assertThat(s.classOf(10)).isEqualTo(3);
    }

    @Test
    void unknownRampNameListsTheKnownRamps() {
        assertThat(ColorRamp.byName("Viridis")).isSameAs(ColorRamp.VIRIDIS);
        assertThatThrownBy(() -> ColorRamp.byName("jet")).hasMessageContaining("viridis, magma, rdbu, brbg");
    }

    @Test
    void formatsLegendValuesCompactly() {
        assertThat(ValueFormat.format(0.63055)).isEqualTo("0.631");
        assertThat(ValueFormat.format(2252.7)).isEqualTo("2252.7");
        assertThat(ValueFormat.format(Double.NaN)).isEqualTo("no data");
        assertThat(ValueFormat.format(-0.0001)).isEqualTo("-0.000100");
    }
}
