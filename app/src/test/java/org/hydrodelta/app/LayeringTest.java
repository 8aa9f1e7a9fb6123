package org.hydrodelta.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.hydrodelta.core.archfixture.UsesJavaFxScene;
import org.junit.jupiter.api.Test;

/**
 * Layering across modules, checked on the jars the app is built from: core and the non-UI packages of maps
 * use no JavaFX, Swing or AWT windows; only {@code org.hydrodelta.maps.fx} may.
 */
class LayeringTest {
    private static final DescribedPredicate<JavaClass> SCREEN = JavaClass.Predicates.resideInAnyPackage("javafx..",
            "javax.swing..").or(JavaClass.Predicates.assignableTo(java.awt.Component.class))
            .as("JavaFX, Swing or AWT window classes");

    private static final ArchRule HEADLESS = noClasses().that().resideInAnyPackage("org.hydrodelta.core..",
            "org.hydrodelta.maps..").and().resideOutsideOfPackage("org.hydrodelta.maps.fx..")
            .should().dependOnClassesThat(SCREEN);

    /**
     * The app reaches dataset types through {@code DatasetTypes} only: it locates no layout and constructs no
     * loader of its own (the CSV mapping classes it builds mappings with are allowed).
     */
    private static final ArchRule DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY = noClasses().that().resideInAPackage(
            "org.hydrodelta.app..").should().dependOnClassesThat().belongToAnyOf(
                    org.hydrodelta.core.data.camels.CamelsLayout.class,
                    org.hydrodelta.core.data.camels.CamelsDatasetLoader.class,
                    org.hydrodelta.core.data.caravan.CaravanLayout.class,
                    org.hydrodelta.core.data.caravan.CaravanDatasetLoader.class)
            .orShould().callConstructor(org.hydrodelta.core.data.csv.CsvDatasetLoader.class);

    @Test
    void theAppReachesDatasetTypesThroughTheRegistry() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hydrodelta.app");
        assertThat(app.stream().map(JavaClass::getName)).contains(
                "org.hydrodelta.app.gui.importer.ImportViewModel", "org.hydrodelta.app.cli.ImportCommand");
        DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY.check(app);
        assertThat(DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.app.archfixture.ImportLocatesCamelsItself.class)).hasViolation()).isTrue();
    }

    @Test
    void coreAndNonUiMapsAreHeadless() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hydrodelta.core", "org.hydrodelta.maps");
        assertThat(classes.stream().map(JavaClass::getPackageName)).anyMatch(p -> p.startsWith("org.hydrodelta.core"));
        HEADLESS.check(classes);
    }

    @Test
    void aJavaFxSceneImportInCoreWouldFailTheBuild() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesJavaFxScene.class);
        assertThat(HEADLESS.evaluate(fixture).hasViolation()).isTrue();
    }
}
