package org.hydrodelta.maps.render;

/**
 * The selected feature.
 *
 * @param layerIndex   index of its layer in the scene
 * @param featureIndex index of the feature in that layer
 */
public record Selection(int layerIndex, int featureIndex) {
}
