package com.diggety.notifications;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A module that listens for texts, as orders will: the tests count what it was told. Picked up by the component
 * scan of the test run only, so the one shared context stays one.
 */
@Component
class ReceivedTexts {

	private final Queue<SmsReceived> texts = new ConcurrentLinkedQueue<>();

	@ApplicationModuleListener
	void on(SmsReceived text) {
		texts.add(text);
	}

	List<SmsReceived> withId(String messageId) {
		return texts.stream().filter(t -> t.messageId().equals(messageId)).toList();
	}
}
