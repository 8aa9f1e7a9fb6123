package org.hydrodelta.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.hydrodelta.core.archfixture.UsesAwtFrame;
import org.junit.jupiter.api.Test;

/**
 * Core knows nothing of the screen: no JavaFX, no AWT or Swing windows (style guide, point 1). Its layers point
 * one way: data reading, the conceptual-model seam and the HBV kernels know nothing of training, evaluation or
 * projects; evaluation knows nothing of training. Each rule is shown to catch a fixture that breaks it.
 */
class ArchitectureTest {
    /** Classes a headless core must not touch. */
    static final DescribedPredicate<JavaClass> SCREEN = JavaClass.Predicates.resideInAnyPackage("javafx..",
            "javax.swing..").or(JavaClass.Predicates.assignableTo(java.awt.Component.class))
            .as("JavaFX, Swing or AWT window classes");

    static final ArchRule CORE_IS_HEADLESS = noClasses().that().resideInAPackage("org.hydrodelta.core..")
            .should().dependOnClassesThat(SCREEN);

    static final ArchRule LOWER_LAYERS_KNOW_NO_UPPER = noClasses().that().resideInAnyPackage(
            "org.hydrodelta.core.data..", "org.hydrodelta.core.hbv..", "org.hydrodelta.core.conceptual..")
            .should().dependOnClassesThat().resideInAnyPackage("org.hydrodelta.core.train..",
                    "org.hydrodelta.core.eval..", "org.hydrodelta.core.project..");

    static final ArchRule EVALUATION_KNOWS_NO_TRAINING = noClasses().that().resideInAPackage(
            "org.hydrodelta.core.eval..").should().dependOnClassesThat().resideInAPackage(
                    "org.hydrodelta.core.train..");

    /**
     * Dataset types are reached through {@code DatasetTypes} only: outside the type packages (and the CAMELS parse
     * benchmark) nothing locates a layout or constructs a loader, so nothing can switch on a type by itself.
     */
    static final ArchRule DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY = noClasses().that().resideOutsideOfPackages(
            "org.hydrodelta.core.data.camels..", "org.hydrodelta.core.data.caravan..",
            "org.hydrodelta.core.data.csv..", "org.hydrodelta.core.data.bench..")
            .should().dependOnClassesThat().belongToAnyOf(org.hydrodelta.core.data.camels.CamelsLayout.class,
                    org.hydrodelta.core.data.camels.CamelsDatasetLoader.class,
                    org.hydrodelta.core.data.caravan.CaravanLayout.class,
                    org.hydrodelta.core.data.caravan.CaravanDatasetLoader.class)
            .orShould().callConstructor(org.hydrodelta.core.data.csv.CsvDatasetLoader.class);

    private static JavaClasses core() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hydrodelta.core");
    }

    @Test
    void layersPointOneWay() {
        JavaClasses core = core();
        LOWER_LAYERS_KNOW_NO_UPPER.check(core);
        EVALUATION_KNOWS_NO_TRAINING.check(core);
    }

    @Test
    void theLayerRulesCatchUpwardArrows() {
        assertThat(LOWER_LAYERS_KNOW_NO_UPPER.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.hbv.archfixture.KernelReadsAnExperiment.class)).hasViolation()).isTrue();
        assertThat(LOWER_LAYERS_KNOW_NO_UPPER.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.data.archfixture.LoaderReadsAProject.class)).hasViolation()).isTrue();
        assertThat(EVALUATION_KNOWS_NO_TRAINING.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.eval.archfixture.EvaluationCallsTheTrainer.class)).hasViolation()).isTrue();
        // and a clean class passes
        assertThat(LOWER_LAYERS_KNOW_NO_UPPER.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.hbv.HbvParameter.class)).hasViolation()).isFalse();
    }

    @Test
    void datasetTypesAreReachedThroughTheRegistryOnly() {
        DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY.check(core());
    }

    @Test
    void theDatasetTypeRuleCatchesALoaderChosenByName() {
        assertThat(DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.archfixture.ChoosesALoaderByTypeName.class)).hasViolation()).isTrue();
        assertThat(DATASET_TYPES_ONLY_THROUGH_THE_REGISTRY.evaluate(new ClassFileImporter().importClasses(
                org.hydrodelta.core.train.ExperimentData.class)).hasViolation()).isFalse();
    }

    @Test
    void coreDependsOnNoScreenClasses() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hydrodelta.core");
        assertThat(core.size()).isGreaterThan(10);
        CORE_IS_HEADLESS.check(core);
    }

    @Test
    void theRuleCatchesAnAwtWindowInCore() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesAwtFrame.class);
        assertThat(CORE_IS_HEADLESS.evaluate(fixture).hasViolation()).isTrue();
    }
}
