package io.github.diospring;

import java.util.List;
import java.util.Map;

import io.github.diospring.autoconfigure.DioAutoConfiguration;
import io.github.diospring.envelope.BizError;
import io.github.diospring.envelope.EnvelopeResponse;
import io.github.diospring.envelope.Page;
import io.github.diospring.envelope.RawResponse;
import io.github.diospring.envelope.ShowType;
import io.github.diospring.testing.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The README's server-side envelope example, compiled and run against an envelope-speaking upstream
 * (in the root package so that {@code ReadmeSyncTest} finds it).
 */
@WebMvcTest(properties = { "dio.envelope.server.enabled=true", "dio.envelope.server.host=web-1" })
@ContextConfiguration(classes = EnvelopeServerReadmeExamplesTest.Config.class)
class EnvelopeServerReadmeExamplesTest {

	@RegisterExtension
	static final LocalServer upstream = new LocalServer();

	@DynamicPropertySource
	static void upstreamAddress(DynamicPropertyRegistry registry) {
		registry.add("dio.base-url", upstream::baseUrl);
	}

	@Autowired
	MockMvc mvc;

	/**
	 * An order.
	 * @param id the id
	 * @param status the status
	 */
	public record Order(long id, String status) {
	}

	@Import(OrderController.class)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, DioAutoConfiguration.class })
	static class Config {

	}

	// tag::envelopeServer[]
	@RestController
	@EnvelopeResponse                  // or dio.envelope.server.wrap-results: true for every controller
	@RequestMapping("/api")
	public static class OrderController {

	    private final Dio dio;

	    public OrderController(Dio dio) {
	        this.dio = dio;
	    }

	    // {"success":true,"data":{"id":1,"status":"PAID"},"traceId":"4bf92f35…","host":"web-1"}
	    // an upstream's success:false passes through: errorCode, errorMessage, traceId, host as sent,
	    // showType numbered for your front end; a timeout is a 504 envelope that names no upstream
	    @GetMapping("/orders/{id}")
	    public Order order(@PathVariable long id) {
	        return this.dio.get("/orders/{id}", Order.class, r -> r.pathVariable("id", id)).block().data();
	    }

	    // {"success":true,"data":{"list":[...],"current":1,"pageSize":20,"total":42},...}
	    @GetMapping("/orders")
	    public Page<Order> orders(@RequestParam(defaultValue = "1") int current) {
	        return this.dio.get("/orders", new ParameterizedTypeReference<Page<Order>>() {},
	                r -> r.queryParameter("current", current)).block().data();
	    }

	    // 200 {"success":false,"errorCode":"REFUND_CLOSED","errorMessage":"退款窗口已关闭","showType":1,...}
	    @PostMapping("/orders/{id}/refund")
	    public Order refund(@PathVariable long id) {
	        throw new BizError("REFUND_CLOSED", "退款窗口已关闭", ShowType.WARN_MESSAGE);
	    }

	    @GetMapping("/orders/export")
	    @RawResponse                   // written as it is
	    public Map<String, Object> export() {
	        return Map.of("rows", 42);
	    }

	}
	// end::envelopeServer[]

	@SuppressWarnings("unchecked")
	private Map<String, Object> json(MockHttpServletResponse response) throws Exception {
		return JsonMapper.builder().build().readValue(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8),
				Map.class);
	}

	private MockHttpServletResponse perform(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void theExampleAnswersWhatItsCommentsSay() throws Exception {
		upstream.wireMock().stubFor(get("/orders/1").willReturn(okJson("{\"success\":true,\"data\":{\"id\":1,\"status\":\"PAID\"}}")));
		upstream.wireMock().stubFor(get("/orders/2").willReturn(okJson("{\"success\":false,\"errorCode\":\"ORDER_LOCKED\","
				+ "\"errorMessage\":\"订单已锁定\",\"showType\":4,\"traceId\":\"up-1\",\"host\":\"up-host\"}")));
		upstream.wireMock().stubFor(get(urlPathEqualTo("/orders")).willReturn(okJson("{\"success\":true,\"data\":{\"list\":"
				+ "[{\"id\":1,\"status\":\"PAID\"}],\"current\":1,\"pageSize\":20,\"total\":42}}")));

		Map<String, Object> order = json(perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/orders/1")));
		Map<String, Object> locked = json(perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/orders/2")));
		Map<String, Object> page = json(perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/orders")));
		MockHttpServletResponse refund = perform(post("/api/orders/1/refund"));
		Map<String, Object> export = json(perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/orders/export")));

		assertThat(order).containsEntry("success", true).containsEntry("data", Map.of("id", 1, "status", "PAID"))
			.containsEntry("host", "web-1");
		assertThat(locked).containsEntry("errorCode", "ORDER_LOCKED").containsEntry("showType", 3)
			.containsEntry("traceId", "up-1").containsEntry("host", "up-host");
		assertThat(page).containsEntry("data", Map.of("list", List.of(Map.of("id", 1, "status", "PAID")), "current", 1,
				"pageSize", 20, "total", 42));
		assertThat(refund.getStatus()).isEqualTo(200);
		assertThat(json(refund)).containsEntry("errorCode", "REFUND_CLOSED").containsEntry("showType", 1);
		assertThat(export).isEqualTo(Map.of("rows", 42));
	}

}
