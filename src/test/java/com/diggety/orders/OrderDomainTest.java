package com.diggety.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The order's plain-Java rules: its status machine, SMS replies, pickup codes, waiting time. */
class OrderDomainTest {

	@Test
	void anOrderMovesOnlyForwardAndARetriedIntentIsANoOp() {
		var history = EnumSet.of(OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.ACCEPTED);
		assertThat(OrderStatus.decide(history, OrderStatus.ACCEPTED, OrderStatus.READY)).isEqualTo(OrderStatus.Outcome.MOVED);
		assertThat(OrderStatus.decide(history, OrderStatus.ACCEPTED, OrderStatus.ACCEPTED)).isEqualTo(OrderStatus.Outcome.ALREADY);
		assertThat(OrderStatus.decide(history, OrderStatus.ACCEPTED, OrderStatus.PAID)).isEqualTo(OrderStatus.Outcome.ALREADY);
		assertThat(OrderStatus.decide(history, OrderStatus.ACCEPTED, OrderStatus.PICKED_UP)).isEqualTo(OrderStatus.Outcome.REFUSED);
		assertThat(OrderStatus.decide(history, OrderStatus.ACCEPTED, OrderStatus.REJECTED)).isEqualTo(OrderStatus.Outcome.REFUSED);
	}

	@Test
	void theCustomerCancellingWhileTheOperatorAcceptedOfflineLosesToTheFirstCommit() {
		// the customer's cancel committed first; the operator's accept arrives later and is refused
		var history = EnumSet.of(OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.CANCELLED);
		assertThat(OrderStatus.decide(history, OrderStatus.CANCELLED, OrderStatus.ACCEPTED)).isEqualTo(OrderStatus.Outcome.REFUSED);
		assertThat(OrderStatus.CANCELLED.canMoveTo(OrderStatus.REFUNDED)).isTrue();
		assertThat(OrderStatus.PICKED_UP.finished()).isTrue();
		assertThat(OrderStatus.PREPARING.inQueue()).isTrue();
	}

	@Test
	void smsRepliesAreReadLeniently() {
		assertThat(SmsReply.parse("YES 4821")).contains(new SmsReply(true, "4821"));
		assertThat(SmsReply.parse("no 4821")).contains(new SmsReply(false, "4821"));
		assertThat(SmsReply.parse("4821 ok")).contains(new SmsReply(true, "4821"));
		assertThat(SmsReply.parse("  Tak, 4821!")).contains(new SmsReply(true, "4821"));
		assertThat(SmsReply.parse("nie 4821")).contains(new SmsReply(false, "4821"));
		assertThat(SmsReply.parse("4821")).isEmpty();
		assertThat(SmsReply.parse("yes")).isEmpty();
		assertThat(SmsReply.parse("yes no 4821")).isEmpty();
		assertThat(SmsReply.parse("yes 4821 1234")).isEmpty();
		assertThat(SmsReply.parse("YES 482")).isEmpty();
		assertThat(SmsReply.parse(null)).isEmpty();
	}

	@Test
	void aPickupCodeVerifiesWithTheStandsPublicKeyAndNothingElse() {
		var keys = PickupCode.generateKeys();
		var code = new PickupCode(UUID.randomUUID(), 17, Instant.parse("2026-11-25T13:00:00Z"),
				List.of(new PickupCode.Item(1, 2), new PickupCode.Item(11, 1)));
		var text = code.sign(keys.getPrivate());
		assertThat(text.length()).isLessThan(140);
		assertThat(PickupCode.verify(text, keys.getPublic())).contains(code);

		var forged = text.substring(0, 30) + (text.charAt(30) == 'A' ? 'B' : 'A') + text.substring(31);
		assertThat(PickupCode.verify(forged, keys.getPublic())).isEmpty();
		assertThat(PickupCode.verify(text, PickupCode.generateKeys().getPublic())).isEmpty();
		assertThat(PickupCode.verify("not a code", keys.getPublic())).isEmpty();
	}

	@Test
	void anOrderWaitsForTheQueueAheadOfIt() {
		var now = Instant.parse("2026-11-25T12:00:00Z");
		var ahead = List.of(new WaitingTime.Queued(now.minusSeconds(60), Duration.ofSeconds(180)),
				new WaitingTime.Queued(now.minusSeconds(30), Duration.ofSeconds(90)));
		// first finishes at 12:02, second at 12:03:30, ours (2 min) at 12:05:30
		assertThat(WaitingTime.readyAt(ahead, Duration.ofMinutes(2), now)).isEqualTo(Instant.parse("2026-11-25T12:05:30Z"));
		assertThat(WaitingTime.readyAt(List.of(), Duration.ofMinutes(2), now)).isEqualTo(now.plusSeconds(120));
		var late = List.of(new WaitingTime.Queued(now.minusSeconds(900), Duration.ofSeconds(60)));
		assertThat(WaitingTime.readyAt(late, Duration.ofMinutes(1), now)).isEqualTo(now.plusSeconds(60));
	}
}
