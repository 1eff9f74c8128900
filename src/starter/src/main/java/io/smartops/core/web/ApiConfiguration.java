package io.smartops.core.web;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the project's API accepts: JSON bodies read strictly (a field the request does not know, a
 * string where a number belongs or a fraction for a whole number is a 400 naming the field, never
 * silently dropped or coerced; an absent count is 0) and at most
 * {@code smartops.api.max-body-size} bytes (413). Only the HTTP layer is strict: Spring's shared
 * {@link ObjectMapper} keeps its defaults for the project's stored documents.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		for (HttpMessageConverter<?> converter : converters) {
			if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
				jackson.setObjectMapper(strict(jackson.getObjectMapper()));
			}
		}
	}

	static ObjectMapper strict(ObjectMapper shared) {
		ObjectMapper strict = shared.copy()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
		for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
			strict.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
		}
		for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			strict.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
		}
		return strict;
	}

	@Bean
	FilterRegistrationBean<BodySizeLimit> apiBodySizeLimit(@Value("${smartops.api.max-body-size:10MB}") DataSize limit,
			ObjectMapper json) {
		FilterRegistrationBean<BodySizeLimit> bean = new FilterRegistrationBean<>(new BodySizeLimit(limit.toBytes(), json));
		bean.addUrlPatterns("/smartops/api/*");
		return bean;
	}

	/** Refuses a body over the limit with 413: by its Content-Length at once, a chunked one when it reads past it. */
	static final class BodySizeLimit extends OncePerRequestFilter {

		private final long limit;
		private final ObjectMapper json;

		BodySizeLimit(long limit, ObjectMapper json) {
			this.limit = limit;
			this.json = json;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getContentLengthLong() > limit) {
				ApiError.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
						"the body is larger than " + limit + " bytes", json);
				return;
			}
			chain.doFilter(new Limited(request, limit), response);
		}
	}

	/** A body read past the limit. */
	static final class BodyTooLargeException extends IOException {
		BodyTooLargeException(long limit) {
			super("the body is larger than " + limit + " bytes");
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {
				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++read > limit) {
						throw new BodyTooLargeException(limit);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (read += n) > limit) {
						throw new BodyTooLargeException(limit);
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}
	}
}
