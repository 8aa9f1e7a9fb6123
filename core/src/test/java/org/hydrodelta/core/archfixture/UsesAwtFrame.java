package org.hydrodelta.core.archfixture;

/** A deliberate layering violation (an AWT window in core), used only to prove the architecture rule bites. */
public final class UsesAwtFrame {
    /** @return a frame: exactly what core must never do */
    public java.awt.Frame frame() {
        return new java.awt.Frame();
    }
}
