package io.smartops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Both REST APIs and the actuator endpoints answer 401 without credentials and accept HTTP basic
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
		bean.addUrlPatterns("/engine-rest/*", "/smartops/api/*", "/actuator/*");
		return bean;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RoleCheck(user, json)).addPathPatterns("/smartops/api/**");
	}
}
