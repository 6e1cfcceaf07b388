package com.diggety.shared;

import java.util.regex.Pattern;

/**
 * Recognises primary account numbers (13 to 19 digits, spaces or dashes allowed, passing the Luhn check) so that
 * card data is refused at the edge and scrubbed from anything stored or logged. Diggety never keeps card data.
 */
public final class CardNumbers {

	private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

	private CardNumbers() {
	}

	public static boolean looksLikeOne(String text) {
		return text != null && CANDIDATE.matcher(text).results().anyMatch(m -> luhn(m.group()));
	}

	/** The text with every card-number-like run replaced by {@code [card number removed]}. */
	public static String redact(String text) {
		if (text == null) {
			return null;
		}
		return CANDIDATE.matcher(text).replaceAll(m -> luhn(m.group()) ? "[card number removed]" : m.group());
	}

	static boolean luhn(String candidate) {
		var digits = candidate.replaceAll("[ -]", "");
		int sum = 0;
		boolean twice = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}
}
