package org.hydrodelta.maps.crs;

import java.util.Locale;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.locationtech.jts.geom.Envelope;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.util.FactoryException;

/**
 * Factory and helpers for the coordinate systems the maps use. Every CRS returned here has x = easting or
 * longitude and y = northing or latitude, whatever axis order the WKT declared.
 */
public final class CoordinateSystems {
    /**
     * NAD83 / Conus Albers (EPSG:5070) written out as WKT because SIS without the non-free EPSG database cannot
     * build it from the code. The datum is taken as WGS84: NAD83 and WGS84 differ by about a metre, which is
     * invisible on a display map and irrelevant to equal-area measurements.
     */
    private static final String CONUS_ALBERS_WKT = "PROJCS[\"NAD83 / Conus Albers (WGS84 datum)\","
            + "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"GRS 1980\",6378137,298.257222101]],"
            + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
            + "PROJECTION[\"Albers_Conic_Equal_Area\"],"
            + "PARAMETER[\"latitude_of_center\",23],PARAMETER[\"longitude_of_center\",-96],"
            + "PARAMETER[\"standard_parallel_1\",29.5],PARAMETER[\"standard_parallel_2\",45.5],"
            + "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],"
            + "UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]";

    /** Longitude/latitude box of the conterminous United States (with some slack) where CONUS Albers is used. */
    private static final Envelope CONUS_BOX = new Envelope(-127, -65, 23, 51);

    private static volatile CoordinateReferenceSystem conusAlbers;

    private CoordinateSystems() {
    }

    /** @return WGS84 geographic with (longitude, latitude) axis order */
    public static CoordinateReferenceSystem wgs84() {
        return CommonCRS.WGS84.normalizedGeographic();
    }

    /** @return NAD83 / Conus Albers (EPSG:5070 parameters, WGS84 datum), metres */
    public static CoordinateReferenceSystem conusAlbers() {
        CoordinateReferenceSystem c = conusAlbers;
        if (c == null) {
            c = fromWkt(CONUS_ALBERS_WKT);
            conusAlbers = c;
        }
        return c;
    }

    /**
     * A Lambert azimuthal equal-area projection on the WGS84 ellipsoid centred at the given point.
     *
     * @param latitude  latitude of the centre, degrees
     * @param longitude longitude of the centre, degrees
     * @return the projected CRS, metres
     */
    public static CoordinateReferenceSystem lambertAzimuthalEqualArea(double latitude, double longitude) {
        String wkt = String.format(Locale.ROOT, "PROJCS[\"Lambert azimuthal equal-area centred at %.4f, %.4f\","
                + "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
                + "PROJECTION[\"Lambert_Azimuthal_Equal_Area\"],"
                + "PARAMETER[\"latitude_of_center\",%.6f],PARAMETER[\"longitude_of_center\",%.6f],"
                + "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],"
                + "UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]",
                latitude, longitude, latitude, longitude);
        return fromWkt(wkt);
    }

    /**
     * The projection maps are drawn in: CONUS Albers when the data's centre lies in the conterminous United
     * States, otherwise an equal-area projection centred on the data.
     *
     * @param lonLatBounds bounds of the data in longitude/latitude
     * @return the display CRS
     */
    public static CoordinateReferenceSystem displayProjectionFor(Envelope lonLatBounds) {
        if (lonLatBounds == null || lonLatBounds.isNull()) {
            return conusAlbers();
        }
        double cx = lonLatBounds.centre().x;
        double cy = lonLatBounds.centre().y;
        if (CONUS_BOX.contains(cx, cy)) {
            return conusAlbers();
        }
        return lambertAzimuthalEqualArea(cy, cx);
    }

    /**
     * Parses WKT (version 1 as found in .prj files, or WKT 2) and normalises the axes to x = east.
     *
     * @param wkt the text
     * @return the coordinate system
     * @throws IllegalArgumentException when SIS cannot parse it; the message says why
     */
    public static CoordinateReferenceSystem fromWkt(String wkt) {
        try {
            CoordinateReferenceSystem crs = CRS.fromWKT(wkt.trim());
            return normalise(crs);
        } catch (FactoryException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse coordinate system WKT: " + e.getMessage(), e);
        }
    }

    /**
     * @param crs any CRS
     * @return the same CRS with right-handed axes (x = longitude/easting)
     */
    public static CoordinateReferenceSystem normalise(CoordinateReferenceSystem crs) {
        return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
    }

    /**
     * @param crs a CRS
     * @return true when it is geographic (degrees of longitude and latitude)
     */
    public static boolean isGeographic(CoordinateReferenceSystem crs) {
        return crs instanceof GeographicCRS;
    }

    /**
     * @param bounds an envelope
     * @return true when every coordinate is a plausible longitude/latitude pair
     */
    public static boolean withinLonLatRange(Envelope bounds) {
        return bounds.isNull() || (bounds.getMinX() >= -180 && bounds.getMaxX() <= 180
                && bounds.getMinY() >= -90 && bounds.getMaxY() <= 90);
    }
}
