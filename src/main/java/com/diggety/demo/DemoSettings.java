package com.diggety.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether to seed the demo business on start. */
@ConfigurationProperties("diggety.demo")
record DemoSettings(@DefaultValue("false") boolean enabled) {
}
