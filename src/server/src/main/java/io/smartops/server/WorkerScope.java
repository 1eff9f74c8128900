package io.smartops.server;

import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;
import io.smartops.core.security.WorkerTopics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import io.smartops.core.web.ApiError;

/**
 * Keeps the workers' service accounts to their work on the engine's REST API: a user whose only
 * role is {@link Roles#WORKERS} may fetch and lock external tasks of the topics it serves
 * ({@link WorkerTopics}) and complete, fail, extend or unlock the tasks it locked (the engine
 * checks the lock's owner), and nothing else; anything else answers 403 before the engine sees it.
 * Camunda's authorizations alone cannot say this: fetching needs UPDATE on the process instances,
 * which would also let a worker change any instance's variables.
 */
class WorkerScope extends OncePerRequestFilter {

	private static final Pattern TASK_WORK = Pattern
		.compile("/engine-rest/external-task/[^/]+/(complete|failure|bpmnError|extendLock|unlock)");
	private static final String FETCH = "/engine-rest/external-task/fetchAndLock";

	private final CurrentUser user;
	private final WorkerTopics topics;
	private final ObjectMapper json;

	WorkerScope(CurrentUser user, WorkerTopics topics, ObjectMapper json) {
		this.user = user;
		this.topics = topics;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> groups = user.groups();
		if (user.userId() == null || !groups.contains(Roles.WORKERS) || groups.stream().anyMatch(g -> !g.equals(Roles.WORKERS))) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && TASK_WORK.matcher(path).matches()) {
			chain.doFilter(request, response);
			return;
		}
		if (!("POST".equals(request.getMethod()) && FETCH.equals(path))) {
			refuse(response, "the worker account " + user.userId() + " may only fetch, lock and complete external tasks");
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		List<String> names = new ArrayList<>();
		try {
			for (JsonNode topic : json.readTree(body).path("topics")) {
				names.add(topic.path("topicName").asText(""));
			}
		}
		catch (IOException notJson) {
			// the engine answers malformed requests itself
		}
		List<String> refused = names.isEmpty() ? List.of() : topics.refused(user.userId(), names);
		if (!refused.isEmpty()) {
			refuse(response, "the worker account " + user.userId() + " serves none of the agents of the topics " + refused);
			return;
		}
		chain.doFilter(new Replayed(request, body), response);
	}

	private void refuse(HttpServletResponse response, String message) throws IOException {
		ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, message, json);
	}

	/** The request with its body read once here and handed on again. */
	private static final class Replayed extends HttpServletRequestWrapper {

		private final byte[] body;

		Replayed(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already read");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
					java.nio.charset.StandardCharsets.UTF_8));
		}
	}
}
