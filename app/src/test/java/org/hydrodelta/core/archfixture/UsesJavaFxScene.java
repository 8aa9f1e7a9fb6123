package org.hydrodelta.core.archfixture;

/**
 * A deliberate layering violation: a class in a core package that imports {@code javafx.scene}. It lives in the
 * app's tests (core has no JavaFX on its classpath) and exists only to prove the rule would fail the build.
 */
public final class UsesJavaFxScene {
    /** @return a scene-graph node: exactly what core must never create */
    public javafx.scene.Node node() {
        return new javafx.scene.Group();
    }
}
