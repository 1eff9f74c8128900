package io.smartops.core.web;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns request problems into JSON errors with the right status, never an HTML page, and never
 * with the server's internals (Java types, stack traces) in the message: a field that is unknown,
 * of the wrong type or too long is named with what it should be. Anything unexpected is a 500
 * with a reference to the log line that has the details.
 */
@RestControllerAdvice(basePackages = "io.smartops")
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
		Throwable cause = e.getCause();
		Throwable tooLarge = causeOf(e, ApiConfiguration.BodyTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(new ApiError(tooLarge.getMessage()));
		}
		if (causeOf(e, StreamConstraintsException.class) != null) {
			return badRequest("the JSON nests too deeply or holds a value too long to read", Map.of());
		}
		if (cause instanceof UnrecognizedPropertyException u) {
			return badRequest("unknown field", Map.of(path(u), Fields.notAField("this request",
					u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList())));
		}
		if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
			return badRequest("a field has the wrong type", Map.of(path(m), "must be " + kind(m.getTargetType())));
		}
		if (cause instanceof JsonParseException p) {
			String problem = ClientMessages.plain(p.getOriginalMessage(), null);
			return badRequest("the body is not valid JSON at line " + p.getLocation().getLineNr() + ", column "
					+ p.getLocation().getColumnNr() + (problem == null ? "" : ": " + problem), Map.of());
		}
		if (cause == null || cause instanceof MismatchedInputException) {
			return badRequest("a JSON body of the expected shape is required", Map.of());
		}
		return badRequest("the body cannot be read as JSON", Map.of());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldError f : e.getBindingResult().getFieldErrors()) {
			fields.putIfAbsent(f.getField(), f.getDefaultMessage());
		}
		return badRequest("invalid request", fields);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
		return badRequest("a query parameter is missing", Map.of(e.getParameterName(), "is required"));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
		return badRequest("a parameter has the wrong type", Map.of(e.getName(), "must be " + kind(e.getRequiredType())));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(new ApiError("send application/json (" + ClientMessages.plain(e.getMessage(), "another type was sent") + ")"));
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<ApiError> forbidden(AuthorizationException e) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(e.getMessage()));
	}

	/**
	 * A {@link ClientError} (an invalid lead, scenario, event or agent, a resource that does not
	 * exist or may not be touched) with its own status and body; Spring's own request errors (405,
	 * 406, 404 of a path) keep their status; the rest is logged with a reference.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<?> unexpected(Exception e) {
		if (e instanceof ClientError client) {
			return ResponseEntity.status(client.status()).body(client.body());
		}
		if (e instanceof ErrorResponse spring) {
			String detail = spring.getBody().getDetail();
			return ResponseEntity.status(spring.getStatusCode())
				.body(new ApiError(ClientMessages.plain(detail, spring.getStatusCode().toString())));
		}
		String reference = UUID.randomUUID().toString();
		log.error("request failed (reference {})", reference, e);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(new ApiError("the server could not handle this request; the server log has the details under reference "
					+ reference));
	}

	private static ResponseEntity<ApiError> badRequest(String error, Map<String, String> fields) {
		return ResponseEntity.badRequest().body(new ApiError(error, fields));
	}

	/** The field's path as a client wrote it: {@code demand[3].period}. */
	private static String path(JsonMappingException e) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference r : e.getPath()) {
			if (r.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
			}
			else if (r.getIndex() >= 0) {
				path.append('[').append(r.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/** What a value of the type looks like in JSON, in words. */
	static String kind(Class<?> type) {
		if (type == null) {
			return "a value of another type";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		if (type == Instant.class || Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 date or instant such as 2026-11-23T10:15:30Z";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		return "an object";
	}

	private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return t;
			}
		}
		return null;
	}
}
