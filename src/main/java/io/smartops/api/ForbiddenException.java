package io.smartops.api;

/** The caller may use the endpoint but not on this resource: HTTP 403 with a JSON body, nothing changed. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}
}
