package io.smartops.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.smartops.api.ApiError;

/**
 * Both REST APIs, the MCP endpoint ({@code /mcp}) and the actuator endpoints answer 401 without credentials and accept HTTP basic
 * against the Camunda identity service; Smart Ops' API also takes the session of a user logged in
 * to the Camunda web apps ({@link WebappSessionOrBasicProvider}). The filter also sets the engine's current authentication for the request,
 * so authorizations apply to the project's API exactly as to the engine's, and {@link RoleCheck}
 * refuses a Smart Ops endpoint to users in none of its groups before anything runs.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	private final CurrentUser user;
	private final ObjectMapper json;

	SecurityConfiguration(CurrentUser user, ObjectMapper json) {
		this.user = user;
		this.json = json;
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
		return authentication("smartops-rest-authentication", HttpBasicAuthenticationProvider.class, "/engine-rest/*",
				"/actuator/*", "/mcp/*");
	}

	/** Smart Ops' own API also takes the Camunda web apps' session (the dashboard, the Cockpit plugin). */
	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> apiAuthentication() {
		return authentication("smartops-api-authentication", WebappSessionOrBasicProvider.class, "/smartops/api/*");
	}

	private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> authentication(String name,
			Class<?> provider, String... urlPatterns) {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		bean.setName(name);
		bean.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider.getName());
		bean.addUrlPatterns(urlPatterns);
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return bean;
	}

	/**
	 * Around the authentication: a request it refuses (401, no body) gets a JSON body saying what to
	 * do, so clients that show only the body (MCP clients among them) tell their users why.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> unauthenticatedBody() {
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
		bean.setName("smartops-unauthenticated-body");
		bean.addUrlPatterns("/engine-rest/*", "/smartops/api/*", "/actuator/*", "/mcp/*");
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return bean;
	}

	/** After the authentication: the workers' accounts may only do their work on the engine's API. */
	@Bean
	FilterRegistrationBean<WorkerScope> workerScope(WorkerTopics topics) {
		FilterRegistrationBean<WorkerScope> bean = new FilterRegistrationBean<>(new WorkerScope(user, topics, json));
		bean.addUrlPatterns("/engine-rest/*");
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return bean;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RoleCheck(user, json)).addPathPatterns("/smartops/api/**");
	}
}
