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

/** Core knows nothing of the screen: no JavaFX, no AWT or Swing windows (style guide, point 1). */
class ArchitectureTest {
    /** Classes a headless core must not touch. */
    static final DescribedPredicate<JavaClass> SCREEN = JavaClass.Predicates.resideInAnyPackage("javafx..",
            "javax.swing..").or(JavaClass.Predicates.assignableTo(java.awt.Component.class))
            .as("JavaFX, Swing or AWT window classes");

    static final ArchRule CORE_IS_HEADLESS = noClasses().that().resideInAPackage("org.hydrodelta.core..")
            .should().dependOnClassesThat(SCREEN);

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
