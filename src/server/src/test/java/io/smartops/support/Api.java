package io.smartops.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to the test server, as the demo user unless told otherwise. */
public final class Api {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public record Response(int status, String body) {
		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new IllegalStateException("not JSON: " + body, e);
			}
		}
	}

	private final String base;
	private final String credentials;

	public Api(int port) {
		this(port, "demo", "demo");
	}

	public Api(int port, String user, String password) {
		this.base = "http://localhost:" + port;
		this.credentials = user == null ? null
				: "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET());
	}

	public Response post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Any method, with a JSON body or none ({@code null}). */
	public Response send(String method, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
	}

	private Response send(HttpRequest.Builder request) {
		if (credentials != null) {
			request.header("Authorization", credentials);
		}
		try {
			HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
