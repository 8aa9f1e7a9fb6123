/**
 * HydroDelta core: everything that runs without a screen. Data import and validation, the differentiable HBV
 * kernel with its adjoint, neural networks, training, evaluation and project files. Nothing here may import
 * JavaFX or AWT windows (checked by an ArchUnit test).
 */
package org.hydrodelta.core;
