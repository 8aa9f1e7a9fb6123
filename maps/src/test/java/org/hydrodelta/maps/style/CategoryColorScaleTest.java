package org.hydrodelta.maps.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryColorScaleTest {
    @Test
    void categoryIndexesTakeTheirColourAndLabelAndEverythingElseIsMissing() {
        CategoryColorScale s = new CategoryColorScale(ColorRamp.VIRIDIS, List.of("caught", "not caught"),
                List.of(Color.YELLOW, Color.BLUE));
        assertThat(s.colorFor(0)).isEqualTo(Color.YELLOW);
        assertThat(s.colorFor(1)).isEqualTo(Color.BLUE);
        assertThat(s.colorFor(0.5)).isEqualTo(s.nanColor());
        assertThat(s.colorFor(2)).isEqualTo(s.nanColor());
        assertThat(s.colorFor(Double.NaN)).isEqualTo(s.nanColor());
        assertThat(s.entries()).containsExactly(new LegendEntry(Color.YELLOW, "caught"),
                new LegendEntry(Color.BLUE, "not caught"));
        assertThat(s.continuous()).isFalse();
        assertThatThrownBy(() -> new CategoryColorScale(ColorRamp.VIRIDIS, List.of("a"), List.of()))
                .hasMessageContaining("1 labels for 0 colours");
    }
}
