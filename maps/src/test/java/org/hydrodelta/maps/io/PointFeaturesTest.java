package org.hydrodelta.maps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.maps.TestData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

class PointFeaturesTest {
    private static List<Map<String, Object>> readTopo(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(";");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(";");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i].trim(), cells[i].trim());
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void gaugesFromTheAttributeTableMatchTheGeoJsonGauges() throws Exception {
        Path topo = TestData.repoRoot()
                .resolve("sample-projects/camels-regions/data/camels-us/camels_attributes_v2.0/camels_topo.txt");
        FeatureSet fromTable = PointFeatures.fromRows("camels_topo", topo, readTopo(topo), "gauge_lon", "gauge_lat");
        FeatureSet fromJson = GeoJsonReader.read(TestData.gauges());
        assertThat(fromTable.size()).isEqualTo(671);
        for (int i = 0; i < 671; i += 67) {
            Feature a = fromTable.features().get(i);
            Feature b = fromJson.features().get(i);
            assertThat(a.text("gauge_id")).isEqualTo(b.text("gauge_id"));
            assertThat(((Point) a.geometry()).getX()).isEqualTo(((Point) b.geometry()).getX());
            assertThat(((Point) a.geometry()).getY()).isEqualTo(((Point) b.geometry()).getY());
        }
        assertThat(fromTable.features().get(1).number("area_gages2")).isEqualTo(573.6);
    }

    @Test
    void namesTheRowWithAMissingCoordinate() {
        List<Map<String, Object>> rows = List.of(Map.of("gauge_id", "01013500", "gauge_lat", "47.23739",
                "gauge_lon", "-68.58264"), Map.of("gauge_id", "01022500", "gauge_lat", "44.60797", "gauge_lon", ""));
        assertThatThrownBy(() -> PointFeatures.fromRows("t", Path.of("topo.txt"), rows, "gauge_lon", "gauge_lat"))
                .isInstanceOf(MapDataException.class).hasMessage("topo.txt: row 2: no numeric gauge_lon/gauge_lat");
    }
}
