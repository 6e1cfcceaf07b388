package com.diggety.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.notifications.internal.SmsSandbox;
import com.diggety.notifications.internal.SmsInbox;
import com.diggety.notifications.internal.TwilioSignature;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * SMS over HTTP: the provider's inbound webhook (verified by its signature, stored once, answered at once with an
 * empty TwiML document and processed after), and the sandbox's outbox and simulated replies for the office.
 */
@RestController
@Tag(name = "SMS")
class SmsEndpoints {

	private static final Logger log = LoggerFactory.getLogger(SmsEndpoints.class);

	static final String SIGNATURE = "X-Twilio-Signature";
	static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
	private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	record SandboxReply(@NotBlank @jakarta.validation.constraints.Pattern(regexp = "\\+[1-9][0-9]{6,14}",
			message = "must be a phone number in E.164 form, like +48600100200") String from,
			@NotBlank @Size(max = SmsInbox.MAX_BODY) String body,
			@jakarta.validation.constraints.Pattern(regexp = "\\+[1-9][0-9]{6,14}",
					message = "must be a phone number in E.164 form") String to) {
	}

	record Received(String messageId, boolean duplicate) {
	}

	private final SmsInbox inbox;
	private final SmsSandbox sandbox;
	private final SmsSettings settings;

	private final Mail mail;

	SmsEndpoints(SmsInbox inbox, SmsSandbox sandbox, SmsSettings settings, Mail mail) {
		this.mail = mail;
		this.inbox = inbox;
		this.sandbox = sandbox;
		this.settings = settings;
	}

	@Operation(summary = "Inbound SMS from the provider (Twilio-style form fields, X-Twilio-Signature); answers empty TwiML")
	@PostMapping(path = "/api/v1/webhooks/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> inbound(HttpServletRequest request,
			@RequestHeader(name = SIGNATURE, required = false) String signature) {
		if (signature == null || signature.isBlank()) {
			throw Problem.badRequest("The " + SIGNATURE + " header is missing");
		}
		var params = formParameters(request);
		var token = settings.twilio().authToken();
		if (token == null || token.isBlank()) {
			log.warn("An inbound SMS webhook arrived but diggety.sms.twilio.auth-token is not set; refused");
		}
		boolean verified = false;
		for (var url : signedUrls(request)) {
			verified |= TwilioSignature.matches(token, url, params, signature);
		}
		if (!verified) {
			throw Problem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "The request signature does not match");
		}
		var messageId = single(params, "MessageSid");
		var from = single(params, "From");
		var to = single(params, "To");
		if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
			throw Problem.badRequest("MessageSid is missing or malformed");
		}
		if (from == null || from.isBlank() || from.length() > 64 || to == null || to.isBlank() || to.length() > 64) {
			throw Problem.badRequest("From and To are required");
		}
		inbox.receive(messageId, from, to, single(params, "Body"));
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
	}

	@Operation(summary = "Texts the SMS sandbox delivered, newest first (office); empty when a real provider sends")
	@GetMapping("/api/v1/sms/outbox")
	List<SmsSandbox.Delivered> outbox(@RequestParam(required = false) String to,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return sandbox.delivered(to, limit);
	}

	@Operation(summary = "E-mails to customers, newest first, with their delivery state (office); the sandbox keeps them here")
	@GetMapping("/api/v1/mail/outbox")
	List<Mail.Outgoing> mailOutbox(@RequestParam(required = false) String to,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return mail.outbox(to, limit);
	}

	@Operation(summary = "Simulate a text sent to us, as the sandbox provider's inbound webhook would (office)")
	@PostMapping("/api/v1/sms/sandbox/reply")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Received sandboxReply(@Valid @RequestBody SandboxReply reply) {
		if (settings.provider() != SmsSettings.Provider.SANDBOX) {
			throw Problem.conflict("The SMS sandbox is off: texts arrive from the real provider");
		}
		var messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
		boolean stored = inbox.receive(messageId, reply.from(), reply.to() == null ? settings.from() : reply.to(),
				reply.body());
		return new Received(messageId, !stored);
	}

	/** The URL the provider signed: the configured public one, else this request's own (with and without the port). */
	private List<String> signedUrls(HttpServletRequest request) {
		var urls = new LinkedHashSet<String>();
		if (settings.webhookUrl() != null && !settings.webhookUrl().toString().isBlank()) {
			urls.add(settings.webhookUrl().toString());
			return new ArrayList<>(urls);
		}
		var query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
		var url = request.getRequestURL() + query;
		urls.add(url);
		try {
			var uri = new URI(url);
			int port = uri.getPort();
			boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443)
					|| ("http".equals(uri.getScheme()) && port == 80);
			if (defaultPort) {
				int explicit = "https".equals(uri.getScheme()) ? 443 : 80;
				urls.add(new URI(uri.getScheme(), uri.getRawUserInfo(), uri.getHost(), port == -1 ? explicit : -1,
						uri.getRawPath(), null, null) + query);
			}
		}
		catch (URISyntaxException ignored) {
			// the request's own URL is the only candidate
		}
		return new ArrayList<>(urls);
	}

	/** The POST body's fields only: the container merges the query string's into its parameters, Twilio signs those
	 * as part of the URL. */
	static Map<String, List<String>> formParameters(HttpServletRequest request) {
		var params = new LinkedHashMap<String, List<String>>();
		request.getParameterMap().forEach((name, values) -> params.put(name, new ArrayList<>(List.of(values))));
		var query = request.getQueryString();
		if (query != null) {
			for (var pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				var values = params.get(name);
				if (values != null) {
					values.remove(value);
					if (values.isEmpty()) {
						params.remove(name);
					}
				}
			}
		}
		return params;
	}

	private static String single(Map<String, List<String>> params, String name) {
		var values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}
}
