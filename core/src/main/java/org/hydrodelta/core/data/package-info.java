/**
 * Data import with validation: the in-memory basin dataset, attribute tables, normalisation statistics, and the
 * error/issue types every reader reports with (file, line, column), and the dataset-type registry
 * ({@link org.hydrodelta.core.data.DatasetTypes}) through which everything above reaches a dataset type. Layout-specific
 * readers and each type's {@link org.hydrodelta.core.data.DatasetType} live in sub-packages ({@code camels},
 * {@code caravan}, {@code csv}), PET methods in {@code pet}, the data doctor in
 * {@code doctor}.
 */
package org.hydrodelta.core.data;
