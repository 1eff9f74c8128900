package io.smartops.orchestrate;

/**
 * Where an application action goes when {@code smartops.orchestrate.store-pos-url} or
 * {@code carrier-booking-url} does not say, and the key it sends: the demo's own applications, a
 * bean only while the demo is on ({@code io.smartops.demo}). Without either, such an action fails
 * with a message naming the setting.
 */
public interface ApplicationFallback {

	/** The URL the application takes actions at. */
	String url(String application);

	/** The key the application expects in {@code X-Api-Key}. */
	String apiKey();
}
