package io.github.diospring.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link DioTest#properties()} into the test's environment. */
class DioTestContextBootstrapper extends TestSliceTestContextBootstrapper<DioTest> {

}
