package org.hydrodelta.maps.style;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A colour ramp: evenly spaced colour stops interpolated linearly in sRGB. The stops of the named ramps are
 * samples of the published ramps (matplotlib's viridis and magma, ColorBrewer's RdBu and BrBG) dense enough
 * that linear interpolation between them stays visually identical to the originals.
 *
 * @param name      ramp name as used on the command line
 * @param stops     colours from low to high (at least two)
 * @param diverging true when the middle stop is a neutral centre meant for zero
 */
public record ColorRamp(String name, List<Color> stops, boolean diverging) {
    /** Sequential, perceptually uniform (matplotlib viridis at 0, 1/8, ..., 1). */
    public static final ColorRamp VIRIDIS = of("viridis", false, 0x440154, 0x472d7b, 0x3b528b, 0x2c728e,
            0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725);
    /** Sequential, perceptually uniform (matplotlib magma at 0, 1/8, ..., 1). */
    public static final ColorRamp MAGMA = of("magma", false, 0x000004, 0x1c1044, 0x4f127b, 0x812581,
            0xb5367a, 0xe55964, 0xfb8761, 0xfec287, 0xfcfdbf);
    /** Diverging red-white-blue (ColorBrewer RdBu, 11 classes): negative red, positive blue. */
    public static final ColorRamp RDBU = of("rdbu", true, 0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7,
            0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061);
    /** Diverging brown-white-teal (ColorBrewer BrBG, 11 classes): dry negative, wet positive. */
    public static final ColorRamp BRBG = of("brbg", true, 0x543005, 0x8c510a, 0xbf812d, 0xdfc27d, 0xf6e8c3,
            0xf5f5f5, 0xc7eae5, 0x80cdc1, 0x35978f, 0x01665e, 0x003c30);

    /** Validates and freezes the stops. */
    public ColorRamp {
        Objects.requireNonNull(name, "name");
        stops = List.copyOf(stops);
        if (stops.size() < 2) {
            throw new IllegalArgumentException("a ramp needs at least two colours");
        }
    }

    /** @return every named ramp */
    public static List<ColorRamp> all() {
        return List.of(VIRIDIS, MAGMA, RDBU, BRBG);
    }

    /**
     * @param name a ramp name, case-insensitive
     * @return the ramp
     * @throws IllegalArgumentException listing the known names when there is no such ramp
     */
    public static ColorRamp byName(String name) {
        for (ColorRamp r : all()) {
            if (r.name.equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown colour ramp '" + name + "'; known ramps: "
                + String.join(", ", all().stream().map(ColorRamp::name).toList()));
    }

    /**
     * @param t position from 0 (low) to 1 (high); clamped
     * @return the interpolated colour
     */
    public Color at(double t) {
        double c = Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
        double pos = c * (stops.size() - 1);
        int i = Math.min((int) pos, stops.size() - 2);
        double f = pos - i;
        Color a = stops.get(i);
        Color b = stops.get(i + 1);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static ColorRamp of(String name, boolean diverging, int... rgb) {
        return new ColorRamp(name, java.util.Arrays.stream(rgb).mapToObj(Color::new).toList(), diverging);
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
