package io.smartops.core.web;

/** A resource the request names does not exist: HTTP 404 with a JSON body. */
public class NotFoundException extends RuntimeException implements ClientError {

	public NotFoundException(String message) {
		super(message);
	}

	@Override
	public int status() {
		return 404;
	}

	@Override
	public ApiError body() {
		return new ApiError(getMessage());
	}
}
