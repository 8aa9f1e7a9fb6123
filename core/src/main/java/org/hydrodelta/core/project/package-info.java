/**
 * Project files ({@code *.hdproj}, JSON, format version 1): datasets, basin selection, map layers,
 * experiments (model configurations) and runs, with paths stored relative to the project file so a moved
 * project folder still opens. {@link org.hydrodelta.core.project.ProjectStore} reads and writes them
 * atomically; {@link org.hydrodelta.core.project.ExperimentDefaults} holds every default in one place.
 */
package org.hydrodelta.core.project;
