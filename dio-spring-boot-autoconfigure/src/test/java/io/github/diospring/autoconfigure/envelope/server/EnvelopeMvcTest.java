package io.github.diospring.autoconfigure.envelope.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diospring.DioException;
import io.github.diospring.DioExceptionType;
import io.github.diospring.RequestOptions;
import io.github.diospring.envelope.BizError;
import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.envelope.Page;
import io.github.diospring.envelope.RawResponse;
import io.github.diospring.envelope.ShowType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Spring MVC adapters in a {@code @WebMvcTest} slice: results wrapped only where opted in, what
 * is left alone, and every kind of error answered as the envelope numbered for Ant Design Pro.
 */
@WebMvcTest(properties = { "dio.envelope.server.enabled=true", "dio.envelope.server.host=web-1" })
@ContextConfiguration(classes = EnvelopeMvcTest.Config.class)
class EnvelopeMvcTest {

	static final JsonMapper mapper = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	record User(long id, String name) {
	}

	record NewUser(@NotBlank String name, @Min(18) int age) {
	}

	@Import({ Wrapped.class, Plain.class, OwnAdvice.class })
	static class Config {

	}

	static class QuotaExceeded extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	/** The application's own advice: it still decides what it handles. */
	@org.springframework.web.bind.annotation.RestControllerAdvice
	static class OwnAdvice {

		@org.springframework.web.bind.annotation.ExceptionHandler(QuotaExceeded.class)
		ResponseEntity<Map<String, Object>> quota() {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("own", true));
		}

	}

	@RestController
	@EnvelopeResponse
	static class Wrapped {

		@GetMapping("/api/users/{id}")
		User user(@PathVariable long id) {
			return new User(id, "Ann");
		}

		@GetMapping("/api/users")
		List<User> users() {
			return List.of(new User(1, "Ann"), new User(2, "Bo"));
		}

		@GetMapping("/api/page")
		Page<User> page() {
			return new Page<>(List.of(new User(3, "Cy")), 2, 1, 3L);
		}

		@GetMapping("/api/data-page")
		org.springframework.data.domain.Page<User> dataPage() {
			return new PageImpl<>(List.of(new User(3, "Cy")), PageRequest.of(1, 1), 3);
		}

		@GetMapping("/api/nothing")
		User nothing() {
			return null;
		}

		@GetMapping("/api/already")
		Map<String, Object> already() {
			return Map.of("success", true, "data", 1);
		}

		@GetMapping("/api/text")
		String text() {
			return "plain text";
		}

		@GetMapping("/api/entity")
		ResponseEntity<User> entity() {
			return ResponseEntity.status(HttpStatus.CREATED).body(new User(4, "Di"));
		}

		@GetMapping("/api/file")
		Resource file() {
			return new ByteArrayResource("bytes".getBytes());
		}

		@GetMapping("/api/raw")
		@RawResponse
		Map<String, Object> raw() {
			return Map.of("status", "UP");
		}

		@PostMapping("/api/users")
		User create(@Valid @RequestBody NewUser user) {
			return new User(9, user.name());
		}

		@GetMapping("/api/biz")
		User biz() {
			throw new BizError("BALANCE_LOW", "余额不足", ShowType.NOTIFICATION);
		}

		@GetMapping("/api/conflict")
		User conflict() {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "版本冲突");
		}

		@GetMapping("/api/quota")
		User quota() {
			throw new QuotaExceeded();
		}

		@GetMapping("/api/boom")
		User boom() {
			throw new IllegalStateException("jdbc:mysql://10.0.0.5:3306/orders refused");
		}

		@GetMapping("/api/upstream-timeout")
		User upstreamTimeout() {
			throw new DioException(DioExceptionType.RECEIVE_TIMEOUT,
					RequestOptions.builder(io.github.diospring.BaseOptions.builder().baseUrl("http://10.1.2.3:8081").build()).path("/internal/orders").build(), null,
					"Receiving http://10.1.2.3:8081/internal/orders took longer than 1s", null);
		}

	}

	@RestController
	static class Plain {

		@GetMapping("/plain/user")
		User user() {
			return new User(5, "Ed");
		}

	}

	private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(MockHttpServletResponse response) throws Exception {
		return mapper.readValue(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8), Map.class);
	}

	/** The envelope with the request's trace id (also in the header) and the configured host. */
	private static Map<String, Object> expected(MockHttpServletResponse response, Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		String traceId = response.getHeader("X-Trace-Id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		map.put("traceId", traceId);
		map.put("host", "web-1");
		return map;
	}

	@Test
	void plainResultsOfOptedInControllersAreWrapped() throws Exception {
		MockHttpServletResponse user = perform(get("/api/users/1"));
		MockHttpServletResponse users = perform(get("/api/users"));
		MockHttpServletResponse nothing = perform(get("/api/nothing"));

		assertThat(user.getStatus()).isEqualTo(200);
		assertThat(json(user)).containsExactlyEntriesOf(expected(user, "success", true, "data", Map.of("id", 1, "name", "Ann")));
		assertThat(json(users)).containsExactlyEntriesOf(expected(users, "success", true, "data",
				List.of(Map.of("id", 1, "name", "Ann"), Map.of("id", 2, "name", "Bo"))));
		assertThat(json(nothing)).isEqualTo(expected(nothing, "success", true, "data", null));
	}

	@Test
	void pagesBecomeUmisListCurrentPageSizeTotal() throws Exception {
		Map<String, Object> page = Map.of("list", List.of(Map.of("id", 3, "name", "Cy")), "current", 2, "pageSize", 1,
				"total", 3);
		MockHttpServletResponse ours = perform(get("/api/page"));
		MockHttpServletResponse springData = perform(get("/api/data-page"));

		assertThat(json(ours)).containsEntry("data", page);
		assertThat(json(springData)).containsEntry("data", page);
	}

	@Test
	void envelopesTextEntitiesResourcesOptedOutAndOtherControllersAreLeftAlone() throws Exception {
		assertThat(json(perform(get("/api/already")))).isEqualTo(Map.of("success", true, "data", 1));
		assertThat(perform(get("/api/text")).getContentAsString()).isEqualTo("plain text");
		MockHttpServletResponse entity = perform(get("/api/entity"));
		assertThat(entity.getStatus()).isEqualTo(201);
		assertThat(json(entity)).isEqualTo(Map.of("id", 4, "name", "Di"));
		assertThat(perform(get("/api/file")).getContentAsString()).isEqualTo("bytes");
		assertThat(json(perform(get("/api/raw")))).isEqualTo(Map.of("status", "UP"));
		assertThat(json(perform(get("/plain/user")))).isEqualTo(Map.of("id", 5, "name", "Ed"));
	}

	@Test
	void anApplicationBizErrorIsA200NumberedForPro() throws Exception {
		MockHttpServletResponse response = perform(get("/api/biz"));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(json(response)).containsExactlyEntriesOf(expected(response, "success", false, "errorCode", "BALANCE_LOW",
				"errorMessage", "余额不足", "showType", 3));
	}

	@Test
	void validationFailuresNameEachFieldAndKeep400() throws Exception {
		MockHttpServletResponse response = perform(post("/api/users").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\" \",\"age\":3}"));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json(response)).containsExactlyEntriesOf(expected(response, "success", false, "data",
				Map.of("age", "must be greater than or equal to 18", "name", "must not be blank"), "errorCode",
				"VALIDATION_FAILED", "errorMessage", "age: must be greater than or equal to 18; name: must not be blank",
				"showType", 1));
	}

	@Test
	void springsOwnErrorsKeepTheirStatus() throws Exception {
		MockHttpServletResponse conflict = perform(get("/api/conflict"));
		MockHttpServletResponse unknown = perform(get("/api/nope").accept(MediaType.TEXT_HTML));
		MockHttpServletResponse method = perform(post("/api/users/1"));
		MockHttpServletResponse unreadable = perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{"));

		assertThat(conflict.getStatus()).isEqualTo(409);
		assertThat(json(conflict)).containsExactlyEntriesOf(expected(conflict, "success", false, "errorCode", "CONFLICT",
				"errorMessage", "版本冲突", "showType", 2));
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(json(unknown)).containsEntry("errorCode", "NOT_FOUND").containsEntry("success", false);
		assertThat(method.getStatus()).isEqualTo(405);
		assertThat(method.getHeader("Allow")).contains("GET");
		assertThat(json(method)).containsEntry("errorCode", "METHOD_NOT_ALLOWED");
		assertThat(unreadable.getStatus()).isEqualTo(400);
		assertThat(json(unreadable)).containsEntry("errorMessage", "The request body cannot be read.");
	}

	@Test
	void theApplicationsOwnExceptionHandlersStillWin() throws Exception {
		MockHttpServletResponse quota = perform(get("/api/quota"));

		assertThat(quota.getStatus()).isEqualTo(429);
		assertThat(json(quota)).isEqualTo(Map.of("own", true));
	}

	@Test
	void unexpectedAndUpstreamFailuresTellTheBrowserNothingInternal() throws Exception {
		MockHttpServletResponse boom = perform(get("/api/boom"));
		MockHttpServletResponse timeout = perform(get("/api/upstream-timeout"));

		assertThat(boom.getStatus()).isEqualTo(500);
		assertThat(json(boom)).containsExactlyEntriesOf(expected(boom, "success", false, "errorCode", "INTERNAL_ERROR",
				"errorMessage", "Internal server error, please retry.", "showType", 2));
		assertThat(timeout.getStatus()).isEqualTo(504);
		assertThat(json(timeout)).containsExactlyEntriesOf(expected(timeout, "success", false, "errorCode",
				"RECEIVE_TIMEOUT", "errorMessage", "The upstream service did not answer in time, please retry.", "showType", 2));
		assertThat(boom.getContentAsString() + timeout.getContentAsString()).doesNotContain("10.0.0.5", "10.1.2.3", "8081",
				"internal", "Exception");
	}


}
