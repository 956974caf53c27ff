package io.github.diospring.test.slice;

import org.springframework.stereotype.Service;

/** A component the slice must leave out: it is not named in {@code @DioTest}. */
@Service
public class NotUnderTestService {

}
