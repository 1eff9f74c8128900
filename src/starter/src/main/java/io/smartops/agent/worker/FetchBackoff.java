package io.smartops.agent.worker;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.task.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * How a worker waits after a failed fetch (the server down, a wrong password): 0.5 s, then 1, 2,
 * 4 … up to a minute, and none after a fetch that worked, so long polling is not delayed. Each
 * failure is one log line with the reason and the next wait; Camunda's client would log a stack
 * trace per failed fetch, which is held back ({@link #quietClientFetchErrors()}).
 */
final class FetchBackoff implements ErrorAwareBackoffStrategy {

	private static final Logger log = LoggerFactory.getLogger(FetchBackoff.class);

	/** The first wait after a failed fetch; each further failure doubles it, up to the maximum. */
	static final long FIRST_MILLIS = 500;
	static final long MAX_MILLIS = 60_000;

	/** The code Camunda's client logs a failed fetch under, with its stack trace. */
	static final String CLIENT_FETCH_ERROR = "TASK/CLIENT-03001";

	private final ExponentialErrorBackoffStrategy backoff = new ExponentialErrorBackoffStrategy(FIRST_MILLIS, 2f, MAX_MILLIS);
	private final String server;
	private int failures;

	FetchBackoff(String server) {
		this.server = server;
	}

	@Override
	public void reconfigure(List<ExternalTask> tasks, ExternalTaskClientException error) {
		backoff.reconfigure(tasks, error);
		if (error == null) {
			if (failures > 0) {
				log.info("fetching tasks from {} works again after {} failed attempt(s)", server, failures);
			}
			failures = 0;
			return;
		}
		failures++;
		log.warn("fetching tasks from {} failed ({} in a row): {}; next attempt in {} ms", server, failures,
				error.getMessage(), backoff.calculateBackoffTime());
	}

	@Override
	public long calculateBackoffTime() {
		return backoff.calculateBackoffTime();
	}

	/** Holds back the client's own log of a failed fetch, with its stack trace: {@link #reconfigure} says it in a line. */
	static void quietClientFetchErrors() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(QuietFetchErrors.class::isInstance)) {
			context.addTurboFilter(new QuietFetchErrors());
		}
	}

	private static final class QuietFetchErrors extends TurboFilter {
		@Override
		public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
				Object[] params, Throwable t) {
			return logger.getName().startsWith("org.camunda.bpm.client") && format != null
					&& format.startsWith(CLIENT_FETCH_ERROR) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}
	}
}
