package io.smartops.insight.mining;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats an event log is exported in, with the media type and file extension each is downloaded with. */
public enum EventLogFormat {

	/** IEEE 1849-2016 eXtensible Event Stream, XML. */
	XES("application/xml", "xes"),
	/** OCEL 2.0, its JSON format. */
	OCEL("application/json", "jsonocel"),
	/** One row per task execution, as Disco and Celonis import it. */
	CSV("text/csv", "csv");

	private final String mediaType;
	private final String extension;

	EventLogFormat(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public String mediaType() {
		return mediaType;
	}

	public String extension() {
		return extension;
	}

	/** The format a request names, case-insensitive; null for a name that is none of them. */
	public static EventLogFormat named(String name) {
		return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
	}

	public static String names() {
		return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
	}
}
