package com.diggety.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Diggety where its four apps are. */
@Component
class Welcome {

	private static final Logger log = LoggerFactory.getLogger(Welcome.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			var base = "http://localhost:" + web.getWebServer().getPort();
			log.info("Diggety is ready: customers {}/ | owner {}/admin/ | operators {}/operator/ | drivers {}/staff/ | API {}/swagger-ui.html",
					base, base, base, base, base);
		}
	}
}
