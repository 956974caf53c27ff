package io.github.diospring.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A backend-for-frontend that calls an upstream API through the injected {@link io.github.diospring.Dio}.
 * The upstream is served by this same application under {@code /upstream}, so the demo needs no
 * network.
 *
 * <pre>{@code
 * mvn -B -pl demo-app -am spring-boot:run
 * curl http://localhost:8080/api/users/1
 * }</pre>
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
