package io.github.diospring.cookie;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Records what one logger writes, from DEBUG up, until closed. */
final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final Level previousLevel;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	LogCapture(Class<?> type) {
		this.logger = (Logger) LoggerFactory.getLogger(type);
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** @return "LEVEL message" per event, with the stack trace's messages */
	List<String> lines() {
		return this.appender.list.stream()
			.map(e -> e.getLevel() + " " + e.getFormattedMessage()
					+ ((e.getThrowableProxy() != null) ? " " + e.getThrowableProxy().getMessage() : ""))
			.toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
	}

}
