package org.hydrodelta.maps.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;
import org.hydrodelta.maps.render.FeatureHit;
import org.hydrodelta.maps.render.FeaturePicker;
import org.hydrodelta.maps.render.Lasso;
import org.hydrodelta.maps.render.LassoSelection;
import org.hydrodelta.maps.render.MapRenderer;
import org.hydrodelta.maps.render.MapScene;
import org.hydrodelta.maps.render.MapViewport;
import org.hydrodelta.maps.render.Selection;
import org.jfree.fx.FXGraphics2D;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * A resizable map node. Drag to pan, wheel to zoom about the mouse, hover for a tooltip with the feature's id,
 * name and value, click to select (a {@link FeatureSelectionEvent} is fired and
 * {@link #selectedFeatureProperty()} updated). In {@linkplain #lassoModeProperty() lasso mode}, or with Shift held,
 * dragging with the primary button draws a lasso instead of panning; on release the features inside it are found
 * by {@link Lasso#select} and a {@link LassoSelectionEvent} is fired (other buttons still pan). In lasso mode the
 * last lasso's outline stays shown, following pan and zoom, until the next lasso or until the mode is turned off.
 * Drawing goes through the same {@link MapRenderer} as the PNG, SVG and PDF exports; the lasso outline is a
 * separate overlay, so drawing it does not redraw the map.
 */
public final class MapView extends Region {
    private static final double MARGIN = 16;
    private static final double PICK_TOLERANCE = 3;
    /** Movement in pixels below which a press-release is a click, not a drag. */
    private static final double CLICK_SLOP = 3;
    /** Minimum spacing in pixels of the lasso's vertices. */
    private static final double LASSO_STEP = 2;

    private final Canvas canvas = new Canvas();
    private final FXGraphics2D g2 = new FXGraphics2D(canvas.getGraphicsContext2D());
    private final MapRenderer renderer = new MapRenderer();
    private final ObjectProperty<MapScene> scene = new SimpleObjectProperty<>(this, "mapScene");
    private final ReadOnlyObjectWrapper<FeatureHit> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final Tooltip tooltip = new Tooltip();
    private final BooleanProperty lassoMode = new SimpleBooleanProperty(this, "lassoMode", false);
    private final ReadOnlyObjectWrapper<LassoSelection> lassoSelection =
            new ReadOnlyObjectWrapper<>(this, "lassoSelection");
    private final Polyline lassoLine = new Polyline();
    private boolean lassoing;
    /** World outline of the last lasso, kept on screen in lasso mode; null when none is shown. */
    private List<Coordinate> shownLasso;
    private MapViewport viewport;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;
    /**
     * The clicked or {@linkplain #select selected} feature, drawn over the scene: the scene property is often bound
     * to a view model, so the selection is the view's own state and never written into the scene.
     */
    private Selection selection;

    /** Creates an empty map view; set a scene with {@link #setMapScene(MapScene)}. */
    public MapView() {
        lassoLine.setManaged(false);
        lassoLine.setMouseTransparent(true);
        lassoLine.setStroke(Color.web("#d62728"));
        lassoLine.setStrokeWidth(1.5);
        lassoLine.getStrokeDashArray().setAll(6.0, 4.0);
        lassoLine.setFill(Color.web("#d62728", 0.08));
        lassoLine.getStyleClass().add("map-lasso");
        getChildren().addAll(canvas, lassoLine);
        getStyleClass().add("map-view");
        tooltip.setShowDelay(Duration.millis(150));
        scene.addListener((obs, old, now) -> {
            if (old == null || viewport == null) {
                viewport = null; // fit on next layout
            }
            if (!sameFeatures(old, now)) {
                selection = null;
                selected.set(null);
            }
            if (old == null || now == null || old.layers() != now.layers()) {
                lassoSelection.set(null);
                shownLasso = null;
            }
            requestLayout();
            redraw();
        });
        lassoMode.addListener((o, was, on) -> {
            if (!on) {
                shownLasso = null;
                updateLassoOverlay();
            }
        });
        canvas.setOnMousePressed(this::onPressed);
        canvas.setOnMouseDragged(this::onDragged);
        canvas.setOnMouseReleased(this::onReleased);
        canvas.setOnMouseMoved(this::onMoved);
        canvas.setOnMouseExited(e -> hideTooltip());
        canvas.setOnScroll(this::onScroll);
    }

    /** Whether two scenes show the same features (a recolouring), so a selection made in one holds in the other. */
    private static boolean sameFeatures(MapScene a, MapScene b) {
        if (a == null || b == null || a.layers().size() != b.layers().size()) {
            return false;
        }
        for (int i = 0; i < a.layers().size(); i++) {
            if (a.layers().get(i).data().features() != b.layers().get(i).data().features()
                    && !a.layers().get(i).data().features().equals(b.layers().get(i).data().features())) {
                return false;
            }
        }
        return true;
    }

    /** @return the scene shown; it may be bound (the view's selection is kept apart from it) */
    public ObjectProperty<MapScene> mapSceneProperty() {
        return scene;
    }

    /** @param s the scene to show; the view fits it the first time */
    public void setMapScene(MapScene s) {
        scene.set(s);
    }

    /** @return the scene shown, may be null */
    public MapScene getMapScene() {
        return scene.get();
    }

    /** @return the clicked feature, null when nothing is selected */
    public ReadOnlyObjectProperty<FeatureHit> selectedFeatureProperty() {
        return selected.getReadOnlyProperty();
    }

    /** @return the tooltip text for the feature under the mouse, empty when none */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** @param handler called when the user clicks a feature or empty map */
    public void setOnFeatureSelected(EventHandler<FeatureSelectionEvent> handler) {
        setEventHandler(FeatureSelectionEvent.FEATURE_SELECTED, handler);
    }

    /** @return whether primary-button drags draw a lasso instead of panning (Shift does the same while held) */
    public BooleanProperty lassoModeProperty() {
        return lassoMode;
    }

    /** @return whether primary-button drags draw a lasso */
    public boolean isLassoMode() {
        return lassoMode.get();
    }

    /** @param on whether primary-button drags draw a lasso instead of panning */
    public void setLassoMode(boolean on) {
        lassoMode.set(on);
    }

    /** @return what the last lasso caught, null before the first lasso or after the scene changed */
    public ReadOnlyObjectProperty<LassoSelection> lassoSelectionProperty() {
        return lassoSelection.getReadOnlyProperty();
    }

    /** @param handler called when the user finishes a lasso */
    public void setOnLassoSelected(EventHandler<LassoSelectionEvent> handler) {
        setEventHandler(LassoSelectionEvent.LASSO_SELECTED, handler);
    }

    /**
     * Selects by a lasso given in screen coordinates, exactly as when the user draws it: converts the outline
     * to world coordinates with the current viewport, finds the features inside ({@link Lasso#select}), updates
     * {@link #lassoSelectionProperty()} and fires a {@link LassoSelectionEvent}. In lasso mode the outline then
     * stays shown.
     *
     * @param screenOutline the lasso's vertices in this node's coordinates
     * @return what was caught; empty, and no event, when nothing is shown yet
     */
    public LassoSelection selectByLasso(List<Point2D> screenOutline) {
        MapScene s = scene.get();
        if (s == null || viewport == null) {
            return LassoSelection.none(null);
        }
        List<Coordinate> world = new ArrayList<>(screenOutline.size());
        for (Point2D p : screenOutline) {
            world.add(new Coordinate(viewport.toWorldX(p.getX()), viewport.toWorldY(p.getY())));
        }
        LassoSelection result = Lasso.select(s, world);
        lassoSelection.set(result);
        shownLasso = lassoMode.get() && !result.area().isEmpty() ? world : null;
        updateLassoOverlay();
        fireEvent(new LassoSelectionEvent(result));
        return result;
    }

    /** @return the current viewport, empty before the first layout */
    public Optional<MapViewport> viewport() {
        return Optional.ofNullable(viewport);
    }

    /** Shows every layer. */
    public void fitToAll() {
        MapScene s = scene.get();
        if (s != null) {
            fitTo(s.bounds());
        }
    }

    /** @param layerIndex index of the layer to show entirely */
    public void fitToLayer(int layerIndex) {
        MapScene s = scene.get();
        if (s != null) {
            fitTo(s.layers().get(layerIndex).data().bounds());
        }
    }

    /**
     * Selects a feature programmatically (e.g. from a table); fires no event. Works with a bound scene.
     *
     * @param sel the feature, null to clear
     */
    public void select(Selection sel) {
        MapScene s = scene.get();
        if (s == null) {
            return;
        }
        selection = sel;
        selected.set(sel == null ? null : new FeatureHit(sel.layerIndex(), sel.featureIndex(),
                s.layers().get(sel.layerIndex()),
                s.layers().get(sel.layerIndex()).data().features().get(sel.featureIndex())));
        redraw();
    }

    /** @return the scene as drawn: the scene property's, with this view's selection when there is one */
    public MapScene shownScene() {
        MapScene s = scene.get();
        return s == null || selection == null ? s : s.withSelection(selection);
    }

    private void fitTo(Envelope world) {
        if (world == null || world.isNull() || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        viewport = MapViewport.fit(world, getWidth(), getHeight(), MARGIN);
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        if (w > 0 && h > 0) {
            if (viewport == null) {
                MapScene s = scene.get();
                if (s != null && !s.bounds().isNull()) {
                    viewport = MapViewport.fit(s.bounds(), w, h, MARGIN);
                }
            } else if (viewport.width() != w || viewport.height() != h) {
                viewport = viewport.resized(w, h);
            }
        }
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }

    /** Redraws the canvas from the scene and viewport. */
    public void redraw() {
        MapScene s = scene.get();
        if (s == null || viewport == null) {
            canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            return;
        }
        // Start from an empty command buffer: a full-canvas clear with the identity transform makes the canvas drop
        // the commands of earlier redraws in the same pulse. Without it, fast panning queued many whole-map renders
        // per pulse and the FX canvas stream broke ("Unrecognized PGCanvas token", NPE in NGCanvas.handleRenderOp).
        javafx.scene.canvas.GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.save();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.restore();
        renderer.render(g2, selection == null ? s : s.withSelection(selection), viewport);
        updateLassoOverlay();
    }

    /** Shows the last lasso's outline at its place in the current viewport, unless a lasso is being drawn. */
    private void updateLassoOverlay() {
        if (lassoing) {
            return;
        }
        if (shownLasso == null || viewport == null) {
            lassoLine.getPoints().clear();
            return;
        }
        Double[] xy = new Double[shownLasso.size() * 2];
        for (int i = 0; i < shownLasso.size(); i++) {
            xy[2 * i] = viewport.toScreenX(shownLasso.get(i).x);
            xy[2 * i + 1] = viewport.toScreenY(shownLasso.get(i).y);
        }
        lassoLine.getPoints().setAll(xy);
    }

    private void onPressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
        lastY = pressY;
        dragged = false;
        lassoing = e.getButton() == MouseButton.PRIMARY && (lassoMode.get() || e.isShiftDown())
                && viewport != null;
        if (lassoing) {
            lassoLine.getPoints().clear();
            addLassoPoint(pressX, pressY);
            hideTooltip();
        }
    }

    private void addLassoPoint(double x, double y) {
        lassoLine.getPoints().addAll(Math.max(0, Math.min(getWidth(), x)), Math.max(0, Math.min(getHeight(), y)));
    }

    private List<Point2D> lassoOutline() {
        List<Double> xy = lassoLine.getPoints();
        List<Point2D> out = new ArrayList<>(xy.size() / 2);
        for (int i = 0; i + 1 < xy.size(); i += 2) {
            out.add(new Point2D(xy.get(i), xy.get(i + 1)));
        }
        return out;
    }

    private void onDragged(MouseEvent e) {
        if (viewport == null) {
            return;
        }
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > CLICK_SLOP) {
            dragged = true;
        }
        if (lassoing) {
            List<Double> xy = lassoLine.getPoints();
            int n = xy.size();
            if (n < 2 || Math.hypot(e.getX() - xy.get(n - 2), e.getY() - xy.get(n - 1)) >= LASSO_STEP) {
                addLassoPoint(e.getX(), e.getY());
            }
            return;
        }
        if (dragged) {
            viewport = viewport.panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
            hideTooltip();
            redraw();
        }
    }

    private void onReleased(MouseEvent e) {
        if (lassoing) {
            lassoing = false;
            List<Point2D> outline = lassoOutline();
            if (dragged) {
                addLassoPointIfMoved(outline, e.getX(), e.getY());
                selectByLasso(outline);
                return;
            }
            updateLassoOverlay(); // a click: the previous lasso's outline comes back
        }
        if (dragged || e.getButton() != MouseButton.PRIMARY || viewport == null || scene.get() == null) {
            return;
        }
        MapScene s = scene.get();
        FeatureHit hit = FeaturePicker.pick(s, viewport, e.getX(), e.getY(), PICK_TOLERANCE).orElse(null);
        selection = hit == null ? null : hit.selection();
        selected.set(hit);
        redraw();
        fireEvent(new FeatureSelectionEvent(hit));
    }

    private void addLassoPointIfMoved(List<Point2D> outline, double x, double y) {
        Point2D last = outline.isEmpty() ? null : outline.get(outline.size() - 1);
        Point2D p = new Point2D(Math.max(0, Math.min(getWidth(), x)), Math.max(0, Math.min(getHeight(), y)));
        if (last == null || last.distance(p) > 0) {
            outline.add(p);
        }
    }

    private void onMoved(MouseEvent e) {
        if (viewport == null || scene.get() == null) {
            return;
        }
        Optional<FeatureHit> hit = FeaturePicker.pick(scene.get(), viewport, e.getX(), e.getY(), PICK_TOLERANCE);
        if (hit.isPresent()) {
            String text = hit.get().describe();
            hoverText.set(text);
            tooltip.setText(text);
            if (canvas.getScene() != null && canvas.getScene().getWindow() != null) {
                tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
            }
        } else {
            hideTooltip();
        }
    }

    private void hideTooltip() {
        hoverText.set("");
        tooltip.hide();
    }

    private void onScroll(ScrollEvent e) {
        if (viewport == null || e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0025, e.getDeltaY());
        viewport = viewport.zoomAt(factor, e.getX(), e.getY());
        redraw();
        e.consume();
    }
}
