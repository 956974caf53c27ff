package io.github.diospring.demo;

/**
 * A user, as the upstream sends it and the BFF returns it.
 *
 * <pre>{@code
 * User ann = new User(1, "Ann", "ann@example.com");
 * }</pre>
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address
 */
public record User(long id, String name, String email) {
}
