package io.smartops.core.web;

/** The request contradicts the state it would change (done already, not allowed from here): HTTP 409, nothing changed. */
public class ConflictException extends RuntimeException implements ClientError {

	public ConflictException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 409;
	}

	@Override
	public ApiError body() {
		return new ApiError(getMessage());
	}
}
