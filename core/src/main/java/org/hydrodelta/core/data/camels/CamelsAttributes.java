package org.hydrodelta.core.data.camels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;

/**
 * Reads the seven CAMELS-US attribute tables ({@code camels_clim, geol, hydro, name, soil, topo, vege}.txt,
 * ';'-separated, keyed by {@code gauge_id}) and joins them. Accessors by role (name, area_gages2, frac_snow,
 * gauge_lat/lon) and by column name are on the returned {@link BasinAttributes}.
 */
public final class CamelsAttributes {
    /** The seven tables in the order CAMELS documents them (and their columns are joined). */
    public static final List<String> TABLES = List.of("name", "topo", "clim", "hydro", "soil", "vege", "geol");

    /**
     * The 35 static attributes the delta model uses, in network input order (spec §4.1). Note the original
     * CAMELS spelling {@code geol_porostiy}.
     */
    public static final List<String> DELTA_MODEL_ATTRIBUTES = List.of(
            "p_mean", "pet_mean", "p_seasonality", "frac_snow", "aridity", "high_prec_freq", "high_prec_dur",
            "low_prec_freq", "low_prec_dur",
            "elev_mean", "slope_mean", "area_gages2",
            "frac_forest", "lai_max", "lai_diff", "gvf_max", "gvf_diff", "dom_land_cover_frac", "dom_land_cover",
            "root_depth_50",
            "soil_depth_pelletier", "soil_depth_statsgo", "soil_porosity", "soil_conductivity", "max_water_content",
            "sand_frac", "silt_frac", "clay_frac",
            "geol_1st_class", "glim_1st_class_frac", "geol_2nd_class", "glim_2nd_class_frac", "carbonate_rocks_frac",
            "geol_porostiy", "geol_permeability");

    private CamelsAttributes() {
    }

    /**
     * Reads the tables from a folder: the attributes folder itself, a CAMELS root, or a folder containing one.
     *
     * @param folder where to look
     * @return the joined attributes, with issues for skipped basins and missing rows
     * @throws DataFormatException when a table is missing or structurally unreadable
     */
    public static BasinAttributes read(Path folder) {
        Path dir = folder;
        if (!Files.exists(dir.resolve("camels_name.txt")) && !Files.exists(dir.resolve("camels_topo.txt"))) {
            dir = CamelsLayout.locate(folder).flatMap(CamelsLayout::attributesDir)
                    .orElseThrow(() -> new DataFormatException(folder,
                            "no CAMELS attribute tables (camels_*.txt) found here or below"));
        }
        List<Path> files = new ArrayList<>();
        for (String t : TABLES) {
            Path f = dir.resolve("camels_" + t + ".txt");
            if (!Files.isRegularFile(f)) {
                throw new DataFormatException(f, "attribute table missing: expected camels_" + t
                        + ".txt next to the other CAMELS attribute tables");
            }
            files.add(f);
        }
        return new AttributeTablesReader(AttributeSchema.CAMELS_US, ';').read(files);
    }
}
