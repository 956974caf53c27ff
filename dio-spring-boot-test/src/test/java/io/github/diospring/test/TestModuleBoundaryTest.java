package io.github.diospring.test;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The test support works without Spring Boot: only its {@code .autoconfigure} package (the slice)
 * imports Boot, and none of it reaches into the client's internals.
 */
class TestModuleBoundaryTest {

	private static final JavaClasses mine = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void everyClassLivesInTheTestSupportPackages() {
		classes().should().resideInAPackage("io.github.diospring.test..").check(mine);
	}

	@Test
	void onlyTheSliceImportsSpringBoot() {
		noClasses().that().resideOutsideOfPackage("io.github.diospring.test.autoconfigure..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
			.check(mine);
	}

	@Test
	void theClientsInternalsAreNotUsed() {
		noClasses().should().dependOnClassesThat().resideInAPackage("io.github.diospring.internal..")
			.allowEmptyShould(true)
			.check(mine);
	}

}
