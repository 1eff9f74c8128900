package io.smartops.dashboard;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's pages at {@code /smartops/dashboard} (from {@code io/smartops/dashboard/static/}
 * on the classpath, with Apache ECharts from its WebJar), and the Cockpit plugin switched on. Nothing
 * of it is served while the dashboard is off.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer, DisposableBean {

	DashboardConfiguration() {
		InsightCockpitPlugin.dashboardStarted();
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/smartops/dashboard", "/smartops/dashboard/index.html");
		registry.addRedirectViewController("/smartops/dashboard/", "/smartops/dashboard/index.html");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/smartops/dashboard/echarts/**")
				.addResourceLocations("classpath:/META-INF/resources/webjars/echarts/5.3.1/dist/");
		registry.addResourceHandler("/smartops/dashboard/**").addResourceLocations("classpath:/io/smartops/dashboard/static/");
	}

	@Override
	public void destroy() {
		InsightCockpitPlugin.dashboardStopped();
	}
}
