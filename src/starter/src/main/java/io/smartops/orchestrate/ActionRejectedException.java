package io.smartops.orchestrate;

/** The channel refused the action (HTTP 4xx, an address the mail server rejects): a person must look at it. */
public class ActionRejectedException extends RuntimeException {

	public ActionRejectedException(String message) {
		super(message);
	}
}
