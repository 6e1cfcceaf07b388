package com.diggety.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.diggety.ApiTest;

/**
 * A stand is online while its phone's heartbeats arrive over /ws, offline once they stop for the configured time
 * (4 s in tests, 5 minutes by default), and online again on reconnect.
 */
class PresenceTest extends ApiTest {

	record Socket(WebSocket socket, LinkedBlockingQueue<String> inbox) {
	}

	Socket connect(String token) throws Exception {
		var inbox = new LinkedBlockingQueue<String>();
		var socket = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/ws?token=" + token), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						inbox.add(data.toString());
						webSocket.request(1);
						return null;
					}
				}).get(10, TimeUnit.SECONDS);
		return new Socket(socket, inbox);
	}

	boolean online(long stand) {
		return http.as("owner").get("/api/v1/stands").json().valueStream()
				.filter(s -> s.get("id").asLong() == stand).findFirst().orElseThrow().get("online").asBoolean();
	}

	@Test
	void aStandGoesOfflineWhenItsPhoneFallsSilentAndBackOnReconnect() throws Exception {
		var phone = new Phone(http, "op14");
		assertThat(online(phone.standId)).isFalse();
		var live = connect(phone.token);
		live.socket().sendText("{\"type\":\"heartbeat\",\"network\":\"3g\"}", true).get(5, TimeUnit.SECONDS);
		assertThat(live.inbox().poll(5, TimeUnit.SECONDS)).contains("\"ack\"");
		assertThat(online(phone.standId)).isTrue();
		var stand = http.as("owner").get("/api/v1/stands").json().valueStream()
				.filter(s -> s.get("id").asLong() == phone.standId).findFirst().orElseThrow();
		assertThat(stand.get("network").asString()).isEqualTo("3g");

		live.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (online(phone.standId) && System.nanoTime() < deadline) {
			Thread.sleep(250);
		}
		assertThat(online(phone.standId)).as("offline after the silence window").isFalse();

		var again = connect(phone.token);
		again.socket().sendText("{\"type\":\"heartbeat\",\"network\":\"4g\"}", true).get(5, TimeUnit.SECONDS);
		assertThat(again.inbox().poll(5, TimeUnit.SECONDS)).contains("\"ack\"");
		assertThat(online(phone.standId)).isTrue();
		again.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

	@Test
	void aPhoneIsNudgedToPullWhenItsStandChanges() throws Exception {
		var phone = new Phone(http, "op15");
		var live = connect(phone.token);
		live.socket().sendText("{\"type\":\"heartbeat\"}", true);
		assertThat(live.inbox().poll(5, TimeUnit.SECONDS)).contains("ack");
		http.as("owner").put("/api/v1/stands/" + phone.standId + "/location",
				java.util.Map.of("latitude", 50.05, "longitude", 19.93, "placeName", "Moved by the office"));
		String message;
		do {
			message = live.inbox().poll(5, TimeUnit.SECONDS);
		}
		while (message != null && !message.contains("changes"));
		assertThat(message).contains("\"changes\"");
		live.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

	@Test
	void aSocketWithoutAValidTokenIsRefused() {
		var refused = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/ws?token=forged"), new WebSocket.Listener() {
				});
		assertThat(refused).failsWithin(10, TimeUnit.SECONDS);
		var none = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
				});
		assertThat(none).failsWithin(10, TimeUnit.SECONDS);
	}

}
