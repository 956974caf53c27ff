package io.github.diospring.test.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the slice tests find by searching upwards from their package. */
@SpringBootApplication
public class SliceTestApplication {

}
