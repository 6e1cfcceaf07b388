package com.diggety.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Each app's folder URL serves its shell, so /admin/, /operator/ and /staff/ work as typed. */
@Configuration(proxyBeanMethods = false)
class AppShells implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		for (var app : new String[] { "admin", "operator", "staff" }) {
			registry.addViewController("/" + app).setViewName("redirect:/" + app + "/");
			registry.addViewController("/" + app + "/").setViewName("forward:/" + app + "/index.html");
		}
	}
}
