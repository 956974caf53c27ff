package io.github.diospring;

/** The RFC 9110 {@code token} grammar, shared by method and header-name checks. */
final class Tokens {

	private Tokens() {
	}

	static boolean isToken(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (!isTchar(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTchar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

}
