package com.diggety.orders;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An operator's answer to an order SMS, read leniently: {@code YES 4821}, {@code no 4821}, {@code 4821 ok},
 * {@code Tak 4821!}, {@code nie, 4821}. A reply needs exactly one decision word and exactly one four-digit code;
 * anything else is not understood (and gets an SMS saying so).
 */
public record SmsReply(boolean accept, String code) {

	private static final Set<String> YES = Set.of("YES", "Y", "OK", "OKAY", "TAK", "T", "ACCEPT", "PRZYJMIJ");
	private static final Set<String> NO = Set.of("NO", "N", "NIE", "REJECT", "ODRZUC");
	private static final Pattern CODE = Pattern.compile("\\d{4}");

	public static Optional<SmsReply> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		var plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
				.toUpperCase(Locale.ROOT).replace('Ł', 'L');
		Boolean decision = null;
		String code = null;
		for (var word : plain.split("[^A-Z0-9]+")) {
			if (word.isEmpty()) {
				continue;
			}
			if (CODE.matcher(word).matches()) {
				if (code != null && !code.equals(word)) {
					return Optional.empty();
				}
				code = word;
			}
			else if (YES.contains(word) || NO.contains(word)) {
				boolean yes = YES.contains(word);
				if (decision != null && decision != yes) {
					return Optional.empty();
				}
				decision = yes;
			}
		}
		return decision == null || code == null ? Optional.empty() : Optional.of(new SmsReply(decision, code));
	}
}
