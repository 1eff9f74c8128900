package io.smartops.api;

/** A resource the request names does not exist: HTTP 404 with a JSON body. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}
}
