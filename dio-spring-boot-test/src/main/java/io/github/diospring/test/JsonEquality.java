package io.github.diospring.test;

import java.util.Comparator;

import tools.jackson.databind.JsonNode;

/** JSON equality for expectations: field order is free, numbers are equal by value ({@code 1 == 1.0}). */
final class JsonEquality {

	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	};

	private JsonEquality() {
	}

	static boolean equal(JsonNode expected, JsonNode actual) {
		return expected.equals(NUMBERS_BY_VALUE, actual);
	}

}
