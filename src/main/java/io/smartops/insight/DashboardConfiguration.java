package io.smartops.insight;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code /smartops/dashboard} opens the dashboard page (static, in {@code static/smartops/dashboard/}). */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/smartops/dashboard", "/smartops/dashboard/index.html");
		registry.addRedirectViewController("/smartops/dashboard/", "/smartops/dashboard/index.html");
	}
}
