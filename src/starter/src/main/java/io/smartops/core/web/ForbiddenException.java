package io.smartops.core.web;

/** The caller may use the endpoint but not on this resource: HTTP 403 with a JSON body, nothing changed. */
public class ForbiddenException extends RuntimeException implements ClientError {

	public ForbiddenException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 403;
	}

	@Override
	public ApiError body() {
		return new ApiError(getMessage());
	}
}
