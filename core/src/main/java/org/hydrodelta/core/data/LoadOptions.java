package org.hydrodelta.core.data;

import java.util.List;
import org.hydrodelta.core.data.pet.PetMethod;

/**
 * What to load. Every field may be null for "the default".
 *
 * @param product        forcing product (CAMELS: daymet, maurer, maurer_extended, nldas); null picks daymet if
 *                       present, else the only or first product
 * @param basinIds       basins to load; null loads every basin with a forcing file
 * @param period         date axis; null spans all loaded data
 * @param attributeNames attribute columns for the matrix; null takes the delta model's 35 when the tables exist
 * @param pet            PET method for data without PET; null chooses automatically
 * @param threads        worker threads for per-basin parsing (0 = available processors)
 * @param petOverride    true: compute PET with {@code pet} (or automatically) even where the data has a PET
 *                       column ({@link org.hydrodelta.core.data.pet.PetChoice})
 */
public record LoadOptions(String product, List<String> basinIds, Period period, List<String> attributeNames,
        PetMethod pet, int threads, boolean petOverride) {

    /**
     * Options that use a PET column where the data has one.
     *
     * @param product        forcing product
     * @param basinIds       basins
     * @param period         date axis
     * @param attributeNames attribute columns
     * @param pet            PET method for data without PET
     * @param threads        worker threads
     */
    public LoadOptions(String product, List<String> basinIds, Period period, List<String> attributeNames,
            PetMethod pet, int threads) {
        this(product, basinIds, period, attributeNames, pet, threads, false);
    }

    /**
     * @param choice where PET comes from
     * @return a copy with that choice
     */
    public LoadOptions withPet(org.hydrodelta.core.data.pet.PetChoice choice) {
        return new LoadOptions(product, basinIds, period, attributeNames, choice.method(), threads, choice.override());
    }

    /** @return all defaults */
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, null, null, null, 0);
    }

    /**
     * @param ids basins to load
     * @return a copy restricted to those basins
     */
    public LoadOptions withBasins(List<String> ids) {
        return new LoadOptions(product, ids, period, attributeNames, pet, threads, petOverride);
    }

    /**
     * @param p the date axis
     * @return a copy with that period
     */
    public LoadOptions withPeriod(Period p) {
        return new LoadOptions(product, basinIds, p, attributeNames, pet, threads, petOverride);
    }

    /** @return the number of worker threads to use */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
