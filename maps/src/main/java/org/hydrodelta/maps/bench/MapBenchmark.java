package org.hydrodelta.maps.bench;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.FieldDefinition;
import org.hydrodelta.maps.io.FieldType;
import org.hydrodelta.maps.io.GeoJsonReader;
import org.hydrodelta.maps.io.ShapeType;
import org.hydrodelta.maps.io.ShapefileReader;
import org.hydrodelta.maps.io.ShapefileWriter;
import org.hydrodelta.maps.render.MapRenderer;
import org.hydrodelta.maps.render.MapScene;
import org.hydrodelta.maps.render.MapSceneBuilder;
import org.hydrodelta.maps.render.MapViewport;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Measures (1) the frame time of rendering CONUS state outlines, the 671 gauges coloured by aridity and the
 * sample basin polygons at 1600x1000 into a BufferedImage, after JIT warm-up; (2) the time to read a generated
 * shapefile of 671 polygons with 1,000 vertices each (a circle around every gauge sized by its area), and to
 * reproject it to CONUS Albers. Prints mean, median, 95th percentile and minimum.
 */
public final class MapBenchmark {
    /** Polygon vertex count in the generated shapefile (closing vertex included). */
    public static final int VERTICES = 1000;

    /**
     * Results in milliseconds.
     *
     * @param frameMedianMs   median render time per frame
     * @param frameMeanMs     mean render time per frame
     * @param frameP95Ms      95th percentile render time
     * @param readMedianMs    median time to read the 671-polygon shapefile
     * @param readMeanMs      mean read time
     * @param reprojectMedianMs median time to reproject it to CONUS Albers
     */
    public record Result(double frameMedianMs, double frameMeanMs, double frameP95Ms, double readMedianMs,
            double readMeanMs, double reprojectMedianMs) {
    }

    private MapBenchmark() {
    }

    /**
     * Command-line entry: {@code MapBenchmark [REPO_ROOT] [FRAMES]}.
     *
     * @param args optional repository root (default: property hydrodelta.repo.root, else the working directory)
     *             and number of timed frames (default 200)
     * @throws IOException when the sample data cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path root = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("hydrodelta.repo.root", "."));
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        run(root, frames, System.out);
    }

    /**
     * Runs both benchmarks and prints a report.
     *
     * @param repoRoot checkout root holding sample-projects/camels-regions/data/geo
     * @param frames   timed frames (warm-up is the same number again, at least 50)
     * @param out      where the report goes
     * @return the measured figures
     * @throws IOException when the sample data cannot be read
     */
    public static Result run(Path repoRoot, int frames, PrintStream out) throws IOException {
        Path geo = repoRoot.resolve("sample-projects/camels-regions/data/geo");
        if (!Files.isDirectory(geo)) {
            throw new IOException(geo + ": sample geo data not found; pass the repository root");
        }
        out.printf(Locale.ROOT, "maps benchmark on %d processors, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        MapScene scene = new MapSceneBuilder().addFile(geo.resolve("us_states/conus_states.geojson"))
                .addFile(geo.resolve("basin_polygons/camels_01022500_01031500.shp"))
                .addFile(geo.resolve("camels_gauges_671.geojson")).colorBy("aridity", "-")
                .ramp(ColorRamp.VIRIDIS).classification(Classification.CONTINUOUS, 0).title("Aridity").build();
        MapViewport view = MapViewport.fit(scene.layers().get(0).data().bounds(), 1600, 1000, 10);
        MapRenderer renderer = new MapRenderer();
        BufferedImage img = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < Math.max(50, frames); i++) {
            frame(renderer, img, scene, view);
        }
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            long t0 = System.nanoTime();
            frame(renderer, img, scene, view);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Stats render = Stats.of(t);
        out.printf(Locale.ROOT, "render 1600x1000 (49 states, 2 basins, 671 gauges, legend): median %.2f ms, "
                + "mean %.2f ms, p95 %.2f ms, min %.2f ms over %d frames (target <= 20 ms)%n",
                render.median, render.mean, render.p95, render.min, frames);

        Path dir = Files.createTempDirectory("hydrodelta-map-bench");
        try {
            Path shp = dir.resolve("circles_671x1000.shp");
            writeCircles(GeoJsonReader.read(geo.resolve("camels_gauges_671.geojson")), shp);
            long bytes = Files.size(shp);
            int reads = 20;
            for (int i = 0; i < 10; i++) {
                ShapefileReader.read(shp);
            }
            double[] r = new double[reads];
            double[] p = new double[reads];
            GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(),
                    CoordinateSystems.conusAlbers());
            FeatureSet last = null;
            for (int i = 0; i < reads; i++) {
                long t0 = System.nanoTime();
                last = ShapefileReader.read(shp);
                long t1 = System.nanoTime();
                toAlbers.reproject(last);
                long t2 = System.nanoTime();
                r[i] = (t1 - t0) / 1e6;
                p[i] = (t2 - t1) / 1e6;
            }
            Stats read = Stats.of(r);
            Stats proj = Stats.of(p);
            out.printf(Locale.ROOT, "read shapefile %d polygons x %d vertices (%.1f MB .shp): "
                    + "median %.1f ms, mean %.1f ms, min %.1f ms over %d reads (target <= 200 ms)%n",
                    last.size(), VERTICES, bytes / 1e6, read.median, read.mean, read.min, reads);
            out.printf(Locale.ROOT, "reproject those %d vertices to CONUS Albers: median %.1f ms%n",
                    (long) last.size() * VERTICES, proj.median);
            return new Result(render.median, render.mean, render.p95, read.median, read.mean, proj.median);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void frame(MapRenderer renderer, BufferedImage img, MapScene scene, MapViewport view) {
        Graphics2D g = img.createGraphics();
        try {
            renderer.render(g, scene, view);
        } finally {
            g.dispose();
        }
    }

    /** Writes one 1,000-vertex circle per gauge, its area equal to the gauge's drainage area. */
    static void writeCircles(FeatureSet gauges, Path shp) throws IOException {
        GeometryFactory gf = new GeometryFactory();
        List<Geometry> polys = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Feature f : gauges.features()) {
            Point p = (Point) f.geometry();
            double areaKm2 = Double.isNaN(f.number("area_gages2")) ? 100 : f.number("area_gages2");
            double rKm = Math.sqrt(areaKm2 / Math.PI);
            double dLat = rKm / 111.2;
            double dLon = dLat / Math.cos(Math.toRadians(p.getY()));
            Coordinate[] ring = new Coordinate[VERTICES];
            for (int i = 0; i < VERTICES - 1; i++) {
                double a = -2 * Math.PI * i / (VERTICES - 1); // clockwise: a shapefile shell
                ring[i] = new Coordinate(p.getX() + dLon * Math.cos(a), p.getY() + dLat * Math.sin(a));
            }
            ring[VERTICES - 1] = new Coordinate(ring[0]);
            polys.add(gf.createPolygon(ring));
            rows.add(Map.of("gauge_id", f.text("gauge_id"), "area", areaKm2));
        }
        List<FieldDefinition> fields = List.of(new FieldDefinition("gauge_id", FieldType.CHARACTER, 8, 0),
                new FieldDefinition("area", FieldType.NUMERIC, 12, 2));
        String wgs84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
                + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
        ShapefileWriter.write(shp, ShapeType.POLYGON, polys, fields, rows, wgs84, StandardCharsets.UTF_8);
    }

    private record Stats(double mean, double median, double p95, double min) {
        static Stats of(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return new Stats(Arrays.stream(s).average().orElse(Double.NaN), s[s.length / 2],
                    s[Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1)], s[0]);
        }
    }

}
