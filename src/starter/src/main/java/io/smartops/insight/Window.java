package io.smartops.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.smartops.core.web.InvalidRequestException;

/**
 * A window of history [from, to) as a request names it: each end an ISO-8601 instant or date
 * (UTC, the start of that day); without {@code to} it ends now, without {@code from} it is
 * {@code defaultLength} long. A bad end is refused with 400 naming its field.
 */
public record Window(Instant from, Instant to) {

	/** The window of a request whose ends are the fields {@code fromField} and {@code toField}. */
	public static Window of(String fromField, String from, String toField, String to, Duration defaultLength) {
		Instant end = to == null ? Instant.now() : instant(toField, to);
		Instant start = from == null ? end.minus(defaultLength) : instant(fromField, from);
		if (!start.isBefore(end)) {
			throw new InvalidRequestException(fromField + " must be before " + toField,
					Map.of(fromField, start + " is not before " + toField + " " + end));
		}
		return new Window(start, end);
	}

	private static Instant instant(String field, String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new InvalidRequestException("invalid " + field,
					Map.of(field, "not an ISO-8601 instant (2026-01-31T00:00:00Z) or date (2026-01-31): " + value));
		}
	}
}
