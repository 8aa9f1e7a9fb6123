package org.hydrodelta.core.data;

/**
 * Per-basin facts the loader recorded: where the area used for the flow conversion came from and the basin's
 * location, needed by PET methods and maps.
 *
 * @param basinId     gauge id
 * @param name        gauge name, or null
 * @param areaKm2     area used to convert flow to mm/d
 * @param areaSource  "area_gages2" (attribute table) or "forcing header" (m² on line 3 of the forcing file)
 * @param latitude    degrees north
 * @param longitude   degrees east, NaN when unknown
 * @param elevation   metres, NaN when unknown
 * @param petMethod   how PET was obtained ("file" or a {@code PetMethod} name)
 */
public record BasinInfo(String basinId, String name, double areaKm2, String areaSource, double latitude,
        double longitude, double elevation, String petMethod) {
}
