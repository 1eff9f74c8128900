package io.smartops.api;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns request problems into JSON errors with the right status, never an HTML page. */
@RestControllerAdvice(basePackages = "io.smartops")
class ApiExceptionHandler {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
		String cause = e.getMostSpecificCause().getMessage();
		return ResponseEntity.badRequest()
			.body(new ApiError("request body is not valid JSON of the expected shape: "
					+ (cause == null ? "" : cause.lines().findFirst().orElse(""))));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(new ApiError("send application/json (" + e.getMessage() + ")"));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ApiError> notFound(NotFoundException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<ApiError> forbidden(AuthorizationException e) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(e.getMessage()));
	}
}
