package io.github.diospring.autoconfigure;

import io.github.diospring.DioException;
import io.github.diospring.envelope.EnvelopeSettings;
import io.github.diospring.envelope.ErrorInfo;
import io.github.diospring.envelope.ErrorNotifier;
import io.github.diospring.envelope.LoggingErrorNotifier;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The default notifier in a Spring application: logs business errors at the level the showType
 * asks for (other failures at DEBUG), then publishes a {@link DioErrorEvent} whose REDIRECT
 * target is the failing client's {@code error-page}.
 *
 * <pre>{@code
 * @Bean ErrorNotifier dioErrorNotifier(ApplicationEventPublisher events) {
 *     return new EventPublishingErrorNotifier(events, "/exception");
 * }
 * }</pre>
 */
public class EventPublishingErrorNotifier extends LoggingErrorNotifier {

	private final ApplicationEventPublisher events;

	private final String errorPage;

	/**
	 * @param events where events go
	 * @param errorPage the REDIRECT target when a caller does not name its client's
	 */
	public EventPublishingErrorNotifier(ApplicationEventPublisher events, String errorPage) {
		this.events = events;
		this.errorPage = errorPage;
	}

	@Override
	public void notify(ErrorInfo info, DioException error) {
		super.notify(info, error);
		this.events.publishEvent(new DioErrorEvent(info, error, this.errorPage));
	}

	@Override
	public void notify(ErrorInfo info, DioException error, EnvelopeSettings settings) {
		super.notify(info, error);
		this.events.publishEvent(new DioErrorEvent(info, error, settings.errorPage()));
	}

}
