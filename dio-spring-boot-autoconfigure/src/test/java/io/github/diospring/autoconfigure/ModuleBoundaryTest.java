package io.github.diospring.autoconfigure;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundary seen from this side: this module holds the auto-configuration package only
 * (the client lives in dio-core) and uses none of the client's internals.
 */
class ModuleBoundaryTest {

	/** This module's own classes only (the class path also holds dio-core's). */
	private static final JavaClasses mine = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void everyClassOfThisModuleIsAutoConfiguration() {
		classes().should().resideInAPackage("io.github.diospring.autoconfigure..").check(mine);
	}

	@Test
	void theAutoConfigurationDoesNotReachIntoTheClientsInternals() {
		noClasses().should().dependOnClassesThat().resideInAPackage("io.github.diospring.internal..")
			.allowEmptyShould(true)
			.check(mine);
	}

}
