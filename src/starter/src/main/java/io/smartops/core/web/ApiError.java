package io.smartops.core.web;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

/** The JSON body of every error of the project's API: what went wrong and, per field, why. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, Map<String, String> fields) {

	public ApiError(String error) {
		this(error, Map.of());
	}

	/** Answers a request with this error from a servlet filter or interceptor, before any controller. */
	public static void write(HttpServletResponse response, int status, String error, ObjectMapper json) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), new ApiError(error));
	}
}
