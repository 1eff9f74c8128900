package io.smartops.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.SecurityConfiguration;
import io.smartops.core.security.WorkerTopics;

/**
 * The server's own security, as any host would set up its own: the engine's REST API and the
 * actuator endpoints answer 401 without credentials and take HTTP basic against the Camunda
 * identity service, and the workers' service accounts may only do their work on the engine's API
 * ({@link WorkerScope}). Smart Ops' paths are secured by the starter.
 */
@Configuration(proxyBeanMethods = false)
class ServerSecurity {

	private static final String[] PATHS = { "/engine-rest/*", "/actuator/*" };

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = SecurityConfiguration
				.authentication("server-rest-authentication", HttpBasicAuthenticationProvider.class, PATHS);
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return bean;
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> restUnauthenticatedBody(ObjectMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> bean = SecurityConfiguration.unauthenticatedBody(json, PATHS);
		bean.setName("server-unauthenticated-body");
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return bean;
	}

	/** After the authentication: the workers' accounts may only do their work on the engine's API. */
	@Bean
	FilterRegistrationBean<WorkerScope> workerScope(CurrentUser user, WorkerTopics topics, ObjectMapper json) {
		FilterRegistrationBean<WorkerScope> bean = new FilterRegistrationBean<>(new WorkerScope(user, topics, json));
		bean.addUrlPatterns("/engine-rest/*");
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return bean;
	}
}
