package io.smartops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Both REST APIs, the MCP endpoint ({@code /mcp}) and the actuator endpoints answer 401 without credentials and accept HTTP basic
 * against the Camunda identity service. The filter also sets the engine's current authentication for the request,
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
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		bean.setName("smartops-rest-authentication");
		bean.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName());
		bean.addUrlPatterns("/engine-rest/*", "/smartops/api/*", "/actuator/*", "/mcp/*");
		bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
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
