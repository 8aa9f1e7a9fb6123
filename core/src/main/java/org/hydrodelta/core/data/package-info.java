/**
 * Data import with validation: the in-memory basin dataset, attribute tables, normalisation statistics, and the
 * error/issue types every reader reports with (file, line, column). Layout-specific readers live in
 * sub-packages ({@code camels}, {@code caravan}, {@code csv}), PET methods in {@code pet}, the data doctor in
 * {@code doctor}.
 */
package org.hydrodelta.core.data;
