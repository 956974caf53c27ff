package io.github.diospring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * DESIGN.md's package rules, enforced. Spring Boot is not on this module's class path at all, so
 * the first two rules also hold by construction; they stay as the readable statement of the boundary.
 */
class ArchitectureTest {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.diospring");

	@Test
	void onlyTheAutoconfigurePackageImportsSpringBoot() {
		noClasses().that().resideOutsideOfPackage("io.github.diospring.autoconfigure..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
			.check(classes);
	}

	@Test
	void nothingDependsOnTheAutoconfigurePackage() {
		noClasses().that().resideOutsideOfPackage("io.github.diospring.autoconfigure..")
			.should().dependOnClassesThat().resideInAPackage("io.github.diospring.autoconfigure..")
			.check(classes);
	}

	/**
	 * "Internal is not used by other projects": no public method outside it returns or takes an
	 * internal type. (Handler constructors take one; they are made by the pipeline only.)
	 */
	@Test
	void internalTypesDoNotLeakIntoPublicMethods() {
		noMethods().that().arePublic().and().areDeclaredInClassesThat().resideOutsideOfPackage("io.github.diospring.internal..")
			.should().haveRawReturnType(resideInAPackage("io.github.diospring.internal.."))
			.orShould().haveRawParameterTypes(anyElementThat(resideInAPackage("io.github.diospring.internal..")))
			.check(classes);
	}

}
