package org.hydrodelta.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.junit.jupiter.api.Test;

class AttributeSchemaTest {
    @Test
    void camelsAttributesAreDescribedWithTheirUnits() {
        AttributeSchema s = AttributeSchema.CAMELS_US;
        assertThat(s.describe("elev_mean").orElseThrow().label("elev_mean"))
                .isEqualTo("elev_mean — catchment mean elevation above sea level (m)");
        assertThat(s.describe("p_mean").orElseThrow().label("p_mean"))
                .isEqualTo("p_mean — mean daily precipitation (mm/d)");
        // dimensionless: no unit in parentheses
        assertThat(s.describe("baseflow_index").orElseThrow().label("baseflow_index"))
                .isEqualTo("baseflow_index — baseflow index");
        // the brief form ends before the details; a one-word name keeps the start of its parenthesis
        assertThat(s.describe("pet_mean").orElseThrow().brief()).isEqualTo("mean daily PET");
        assertThat(s.describe("aridity").orElseThrow().brief()).isEqualTo("aridity (PET /P)");
        assertThat(s.describe("soil_porosity").orElseThrow().brief()).isEqualTo("volumetric porosity");
        assertThat(s.describe("soil_porosity").orElseThrow().text()).contains("multiple linear regression");
        // known unit, no description at hand: name and unit
        assertThat(s.describe("geol_permeability").orElseThrow().label("geol_permeability"))
                .isEqualTo("geol_permeability (log10(m²))");
        assertThat(s.describe("gauge_name")).isEmpty();
        assertThat(s.unit("soil_conductivity")).isEqualTo("cm/h");
        assertThat(s.unit("aridity")).isEmpty();
        // Caravan computes its attributes otherwise: the CAMELS wording is not lent to it
        assertThat(AttributeSchema.CARAVAN.describe("aridity")).isEmpty();
    }

    @Test
    void everyDescribedColumnIsAColumnOfTheCamelsTables() {
        BasinAttributes a = CamelsAttributes.read(TestData.camelsRegions().resolve("camels_attributes_v2.0"));
        assertThat(a.schema()).isSameAs(AttributeSchema.CAMELS_US);
        assertThat(a.columns()).containsAll(AttributeSchema.CAMELS_US.descriptions().keySet());
        // the static inputs of the usual CAMELS LSTM and δ model setups are all described
        for (String col : java.util.List.of("p_mean", "pet_mean", "aridity", "frac_snow", "high_prec_freq",
                "high_prec_dur", "low_prec_freq", "low_prec_dur", "elev_mean", "slope_mean", "area_gages2",
                "frac_forest", "lai_max", "lai_diff", "gvf_max", "gvf_diff", "soil_depth_pelletier",
                "soil_depth_statsgo", "soil_porosity", "soil_conductivity", "max_water_content", "sand_frac",
                "silt_frac", "clay_frac", "carbonate_rocks_frac")) {
            assertThat(CamelsAttributes.DELTA_MODEL_ATTRIBUTES).contains(col);
            assertThat(AttributeSchema.CAMELS_US.describe(col)).as(col)
                    .hasValueSatisfying(d -> assertThat(d.text()).as(col).isNotEmpty());
        }
    }
}
