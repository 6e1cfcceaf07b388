package com.diggety.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Work that happens after a request: module listeners run asynchronously after the commit that published their
 * event (the event publication registry keeps them until they complete), and periodic checks run on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class Background {
}
