package com.diggety.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import com.diggety.inventory.LowStockDetected;
import com.diggety.notifications.LiveConnections;
import com.diggety.orders.OrderChanged;
import com.diggety.orders.Orders;
import com.diggety.stands.Stands;
import com.diggety.shared.AfterCommit;

import tools.jackson.databind.ObjectMapper;

/**
 * The live channel at {@code /ws}. A phone connects with its device token ({@code ?token=}, since browsers cannot
 * set headers on a WebSocket), sends heartbeats that keep its stand online, and is nudged to pull when something
 * it keeps offline changed. Tokens are checked at the handshake with the same decoder as the API.
 */
@Component
class LiveChannel extends TextWebSocketHandler implements HandshakeInterceptor, LiveConnections {

	private static final Logger log = LoggerFactory.getLogger(LiveChannel.class);

	/** Who is on the other end of a socket. */
	record Peer(long userId, String role, Long standId, UUID deviceId, UUID followedOrder) {

		/** A guest following one order with its key: no account, no stand. */
		static Peer following(UUID order) {
			return new Peer(0, "GUEST", null, null, order);
		}
	}

	private final JwtDecoder tokens;
	private final Stands stands;
	private final Orders orders;
	private final ObjectMapper json;
	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	LiveChannel(JwtDecoder tokens, Stands stands, Orders orders, ObjectMapper json) {
		this.tokens = tokens;
		this.orders = orders;
		this.stands = stands;
		this.json = json;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
		var token = query.getFirst("token");
		var order = query.getFirst("order");
		if ((token == null || token.isBlank()) && order != null) {
			try {
				var id = UUID.fromString(order);
				if (orders.mayFollow(id, decoded(query.getFirst("key")))) {
					attributes.put("peer", Peer.following(id));
					return true;
				}
			}
			catch (IllegalArgumentException malformed) {
				// refused below
			}
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		if (token == null || token.isBlank()) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		try {
			var jwt = tokens.decode(token);
			Object stand = jwt.getClaim("stand");
			var device = jwt.getClaimAsString("dev");
			attributes.put("peer", new Peer(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString("role"),
					stand instanceof Number n ? n.longValue() : null, device == null ? null : UUID.fromString(device),
					null));
			return true;
		}
		catch (JwtException | IllegalArgumentException e) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		sessions.put(session.getId(), new ConcurrentWebSocketSessionDecorator(session, 5_000, 64 * 1024));
		heartbeat(session, "unknown");
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		Map<?, ?> body;
		try {
			body = json.readValue(message.getPayload(), Map.class);
		}
		catch (RuntimeException malformed) {
			send(session.getId(), Map.of("type", "error", "detail", "messages are JSON objects"));
			return;
		}
		if ("heartbeat".equals(body.get("type"))) {
			heartbeat(session, body.get("network") instanceof String network ? network : "unknown");
			send(session.getId(), Map.of("type", "ack", "serverTime", Instant.now().toString()));
		}
	}

	private void heartbeat(WebSocketSession session, String network) {
		var peer = (Peer) session.getAttributes().get("peer");
		if (peer != null && "OPERATOR".equals(peer.role()) && peer.standId() != null) {
			stands.heartbeat(peer.standId(), peer.deviceId(), network.length() > 16 ? network.substring(0, 16) : network);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		sessions.remove(session.getId());
	}

	/** Tells the phones of the stands concerned to pull, once the change is committed. */
	@EventListener
	void changed(ChangeFeed.Appended appended) {
		AfterCommit.run(() -> {
			sessions.forEach((id, session) -> {
				var peer = (Peer) session.getAttributes().get("peer");
				if (peer != null && peer.deviceId() != null
						&& (appended.standId() == null || appended.standId().equals(peer.standId()))) {
					send(id, ChangeFeed.nudge());
				}
			});
		});
	}

	/** Drivers and the office hear about low stock at once. */
	@EventListener
	void lowStock(LowStockDetected low) {
		AfterCommit.run(() -> {
			var message = Map.of("type", "low-stock", "standId", low.standId(), "ingredientId", low.ingredientId(),
					"ingredientName", low.ingredientName(), "level", low.level(), "threshold", low.threshold());
			sessions.forEach((id, session) -> {
				var peer = (Peer) session.getAttributes().get("peer");
				if (peer != null && ("DRIVER".equals(peer.role()) || "OWNER".equals(peer.role())
						|| "MANAGER".equals(peer.role()))) {
					send(id, message);
				}
			});
		});
	}

	/**
	 * An order moved: its customer (signed in or following it with its key) and its stand's phones hear of it; when
	 * the stand must answer it, the phones get {@code order-new} and ring.
	 */
	@EventListener
	void orderChanged(OrderChanged changed) {
		AfterCommit.run(() -> {
			var message = new java.util.HashMap<String, Object>();
			message.put("type", "order");
			message.put("id", changed.orderId().toString());
			message.put("number", changed.number());
			message.put("status", changed.status().name());
			message.put("version", changed.version());
			message.put("readyAt", changed.readyAt() == null ? null : changed.readyAt().toString());
			var ring = Map.of("type", "order-new", "id", changed.orderId().toString(), "number", changed.number());
			sessions.forEach((id, session) -> {
				var peer = (Peer) session.getAttributes().get("peer");
				if (peer == null) {
					return;
				}
				boolean customer = changed.orderId().equals(peer.followedOrder())
						|| ("CUSTOMER".equals(peer.role()) && changed.customerUserId() != null
								&& changed.customerUserId() == peer.userId());
				boolean stand = "OPERATOR".equals(peer.role()) && Long.valueOf(changed.standId()).equals(peer.standId());
				if (customer || stand) {
					send(id, message);
				}
				if (stand && changed.awaitsStand()) {
					send(id, ring);
				}
			});
		});
	}

	private static String decoded(String key) {
		return key == null ? null : java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Whether any driver has the app open now (otherwise an alert needs another way to a driver). */
	@Override
	public boolean driverConnected() {
		return sessions.values().stream().map(s -> (Peer) s.getAttributes().get("peer"))
				.anyMatch(p -> p != null && "DRIVER".equals(p.role()));
	}

	private void send(String sessionId, Map<String, ?> message) {
		var session = sessions.get(sessionId);
		if (session == null || !session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(new TextMessage(json.writeValueAsString(message)));
		}
		catch (IOException | IllegalStateException e) {
			log.debug("Could not reach a live session: {}", e.getClass().getSimpleName());
		}
	}
}
