package com.diggety.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.diggety.notifications.Sms;
import com.diggety.notifications.SmsReceived;
import com.diggety.payments.PaymentRefunded;
import com.diggety.payments.PaymentSucceeded;

/**
 * What moves orders besides people in the apps: the payment's outcome (from verified webhooks, through the event
 * publication registry, so each is handled once even across a restart), the stands' SMS answers, and the clock.
 */
@Component
class OrderFlow {

	private static final Logger log = LoggerFactory.getLogger(OrderFlow.class);

	private final Orders orders;
	private final Sms sms;

	OrderFlow(Orders orders, Sms sms) {
		this.orders = orders;
		this.sms = sms;
	}

	@ApplicationModuleListener
	void paid(PaymentSucceeded event) {
		Orders.orderOf(event.reference()).ifPresent(id -> orders.paid(id, "payment"));
	}

	@ApplicationModuleListener
	void refunded(PaymentRefunded event) {
		if (event.fully()) {
			Orders.orderOf(event.reference()).ifPresent(orders::refunded);
		}
	}

	@ApplicationModuleListener
	void texted(SmsReceived message) {
		var answer = orders.answerSms(message.from(), message.body());
		if (answer != null) {
			sms.reply(message, answer);
		}
	}

	@Scheduled(fixedDelayString = "${diggety.orders.sweep:15s}", initialDelayString = "${diggety.orders.sweep:15s}")
	void expire() {
		int expired = orders.expireOverdue();
		if (expired > 0) {
			log.info("{} order(s) expired", expired);
		}
	}
}
