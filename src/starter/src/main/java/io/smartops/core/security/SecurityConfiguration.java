package io.smartops.core.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.smartops.core.web.ApiError;

/**
 * Smart Ops' own paths, and no other: its API ({@code /smartops/api}) and its MCP endpoint
 * ({@code /mcp}) answer 401 without credentials and take the caller that
 * {@link SmartOpsAuthenticationProvider} finds (the host's own authentication, the Camunda web apps'
 * session, or HTTP basic against the Camunda identity service). The filter also sets the engine's
 * current authentication for the request, so authorizations apply to Smart Ops' API exactly as to
 * the engine's, and {@link RoleCheck} refuses an endpoint to users in none of its groups before
 * anything runs. The filters run after a host's Spring Security chain, so that its authentication
 * is seen; the host's other paths are left alone.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

	/** Smart Ops' paths, as servlet URL patterns. */
	public static final String[] PATHS = { "/smartops/api/*", "/mcp/*" };

	/** After the host's security filter chain (Spring Security's default order), before the servlets. */
	public static final int FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

	private final CurrentUser user;
	private final ObjectMapper json;

	SecurityConfiguration(CurrentUser user, ObjectMapper json) {
		this.user = user;
		this.json = json;
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> smartOpsAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = authentication("smartops-authentication",
				SmartOpsAuthenticationProvider.class, PATHS);
		bean.setOrder(FILTER_ORDER);
		return bean;
	}

	/** A Camunda authentication filter for the given paths, with the given provider. */
	public static FilterRegistrationBean<ProcessEngineAuthenticationFilter> authentication(String name,
			Class<?> provider, String... urlPatterns) {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		bean.setName(name);
		bean.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider.getName());
		bean.addUrlPatterns(urlPatterns);
		return bean;
	}

	/**
	 * Around the authentication: a request it refuses (401, no body) gets a JSON body saying what to
	 * do, so clients that show only the body (MCP clients among them) tell their users why.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> smartOpsUnauthenticatedBody() {
		FilterRegistrationBean<OncePerRequestFilter> bean = unauthenticatedBody(json, PATHS);
		bean.setName("smartops-unauthenticated-body");
		bean.setOrder(FILTER_ORDER - 5);
		return bean;
	}

	/** A filter that gives a 401 without a body the JSON body of Smart Ops' errors. */
	public static FilterRegistrationBean<OncePerRequestFilter> unauthenticatedBody(ObjectMapper json,
			String... urlPatterns) {
		FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				chain.doFilter(request, response);
				if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED && !response.isCommitted()) {
					ApiError.write(response, HttpServletResponse.SC_UNAUTHORIZED,
							"log in: this endpoint needs HTTP basic authentication of a Camunda user", json);
				}
			}
		});
		bean.addUrlPatterns(urlPatterns);
		return bean;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RoleCheck(user, json)).addPathPatterns("/smartops/api/**");
	}
}
