package com.diggety.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.Encoder;
import com.microsoft.playwright.Page;

/**
 * The camera's QR decoder (static/common/qr-read.js) reads codes as a phone's camera sees them. Codes from ZXing's
 * encoder (versions 1 to 10, levels L, M, Q and H; numeric, alphanumeric, byte, UTF-8 with ECI, kanji and mixed
 * segments) and from our own qr.js (texts of 1 to 150 characters, Polish, a pickup code) are drawn in Chromium on a
 * 640x480 grey picture (src/test/resources/browser/qr-render.js): turned any way, at 2 to 4 pixels a module, skewed
 * in perspective, blurred, noised, dimmed, mirrored and inverted; damaged within what their error correction
 * repairs and far beyond it. What the stand would notice is asserted: a clean code always reads, a hard picture
 * mostly does, a ruined code never reads as some other text.
 */
class QrReadBrowserTest extends BrowserTest {

	private static final ErrorCorrectionLevel[] LEVELS = { ErrorCorrectionLevel.L, ErrorCorrectionLevel.M,
			ErrorCorrectionLevel.Q, ErrorCorrectionLevel.H };

	/** Of the ECC codewords, those the standard keeps back against misreads in the smallest symbols (L, M, Q, H). */
	private static final Map<Integer, int[]> PROTECTION = Map.of(1, new int[] { 3, 2, 1, 1 }, 2,
			new int[] { 2, 0, 0, 0 }, 3, new int[] { 1, 0, 0, 0 });

	private final Random random = new Random(20261126);

	/** One picture to read: what it should say (null: nothing), the modules, how to draw them, its group. */
	private record Sample(String group, String expected, List<String> rows, Map<String, Object> look) {
	}

	@Test
	void cameraPicturesOfCodesReadBackExactly() {
		var page = desktop("en-GB");
		page.navigate("/receipt.html");
		page.addScriptTag(new Page.AddScriptTagOptions().setContent(resource("/browser/qr-render.js")));

		var samples = new ArrayList<Sample>();
		// ZXing's codes: every version 1-10 at every level, each kind of segment in turn, clean and camera-like
		String[] kinds = { "numeric", "alphanumeric", "byte", "utf8", "kanji", "mixed" };
		int n = 0;
		for (int version = 1; version <= 10; version++) {
			for (int level = 0; level < 4; level++) {
				var kind = kinds[n++ % kinds.length];
				var code = zxing(kind, version, LEVELS[level]);
				samples.add(new Sample("zxing clean", code.text, code.rows, look(code.rows, 3 + random.nextInt(2), 0, 0, 0)));
				samples.add(new Sample("zxing camera", code.text, code.rows, camera(code.rows)));
			}
		}
		// our encoder's codes (level M, byte mode): many lengths, Polish, a pickup code
		for (var text : ourTexts()) {
			var rows = ours(page, text);
			samples.add(new Sample("qr.js turned", text, rows, look(rows, 3, 0.03, 0, 0)));
			samples.add(new Sample("qr.js 2 px a module", text, rows, look(rows, 2, 0, 0, 0)));
			samples.add(new Sample("qr.js camera", text, rows, camera(rows)));
		}
		// hard pictures: stronger skew, blur and noise on a dim code
		for (int i = 0; i < 24; i++) {
			var code = zxing(kinds[i % kinds.length], 2 + i % 9, LEVELS[i % 4]);
			var look = look(code.rows, 3, 0.06, 1, 16);
			look.put("dark", 90);
			look.put("light", 175);
			samples.add(new Sample("hard", code.text, code.rows, look));
		}
		// mirrored (the transpose is a mirror image turned) and light on dark
		for (int i = 0; i < 6; i++) {
			var code = zxing(kinds[i], 1 + i * 2, LEVELS[i % 4]);
			samples.add(new Sample("mirrored", code.text, transpose(code.rows), look(code.rows, 3, 0, 0, 0)));
			var inverted = look(code.rows, 3, 0, 0, 0);
			inverted.put("inverted", true);
			samples.add(new Sample("light on dark", code.text, code.rows, inverted));
		}
		// damage: as many wrong modules as each block can repair, then a third of the symbol painted over
		for (int version = 1; version <= 10; version++) {
			for (int level = 0; level < 4; level++) {
				var code = zxing(kinds[(version + level) % kinds.length], version, LEVELS[level]);
				int actual = (code.rows.size() - 17) / 4;
				var ecc = Version.getVersionForNumber(actual).getECBlocksForLevel(LEVELS[level]).getECCodewordsPerBlock();
				int repairable = (ecc - PROTECTION.getOrDefault(actual, new int[4])[level]) / 2;
				var damaged = flipDataModules(code.rows, actual, repairable);
				samples.add(new Sample("damaged, repairable", code.text, damaged, look(damaged, 3, 0, 0, 0)));
				if (level % 2 == 0) {
					var ruined = paintOver(code.rows, actual);
					samples.add(new Sample("damaged beyond repair", null, ruined, look(ruined, 3, 0, 0, 0)));
				}
			}
		}

		var results = read(page, samples);
		var rates = new LinkedHashMap<String, int[]>();
		var misses = new ArrayList<String>();
		for (int i = 0; i < samples.size(); i++) {
			var sample = samples.get(i);
			var text = results.get(i);
			assertThat(text == null || text.equals(sample.expected()))
					.as("%s read as different text: %s instead of %s (%s)", sample.group(), text, sample.expected(), sample.look())
					.isTrue();
			var rate = rates.computeIfAbsent(sample.group(), g -> new int[2]);
			rate[1]++;
			if (java.util.Objects.equals(text, sample.expected())) {
				rate[0]++;
			}
			else {
				misses.add(sample.group() + " " + sample.rows().size() + " modules " + sample.look());
			}
		}
		var summary = new StringBuilder("qr-read: ");
		int read = 0;
		for (var e : rates.entrySet()) {
			summary.append(e.getKey()).append(' ').append(e.getValue()[0]).append('/').append(e.getValue()[1]).append(", ");
			read += e.getValue()[0];
		}
		System.out.println(summary.append("in all ").append(read).append('/').append(samples.size()).append(" as expected"));
		misses.forEach(m -> System.out.println("qr-read missed: " + m));

		for (var group : List.of("zxing clean", "qr.js turned", "qr.js 2 px a module", "mirrored", "light on dark",
				"damaged, repairable", "damaged beyond repair")) {
			assertThat(rates.get(group)[0]).as("%s: every picture reads as expected", group).isEqualTo(rates.get(group)[1]);
		}
		// a camera picture that does not read costs a frame (the scan tries four a second), not the sale
		for (var group : List.of("zxing camera", "qr.js camera")) {
			assertThat(rates.get(group)[0]).as("%s: nearly every picture reads", group).isGreaterThanOrEqualTo(rates.get(group)[1] * 9 / 10);
		}
		assertThat(rates.get("hard")[0]).as("hard pictures: most read").isGreaterThanOrEqualTo(rates.get("hard")[1] * 2 / 3);

		// most frames of a scan show no code yet: they read as nothing, quickly enough for four frames a second
		@SuppressWarnings("unchecked")
		var empty = (Map<String, Object>) page.evaluate("""
				async () => {
					const { readQr } = await import('/common/qr-read.js');
					const frame = renderQr([], { module: 40, noise: 12, blur: 1 });
					readQr(frame);
					const t0 = performance.now();
					let text;
					for (let i = 0; i < 10; i++) text = readQr(frame);
					return { text, ms: (performance.now() - t0) / 10 };
				}""");
		System.out.printf("qr-read: a 640x480 frame without a code takes %.1f ms%n", ((Number) empty.get("ms")).doubleValue());
		assertThat(empty.get("text")).isNull();
		assertThat(((Number) empty.get("ms")).doubleValue()).isLessThan(200);
	}

	// ---------------------------------------------------------------- pictures

	private Map<String, Object> look(List<String> rows, double module, double skew, double blur, double noise) {
		var look = new HashMap<String, Object>();
		// the whole symbol turned any way still fits in the 480 pixels of height
		double fits = 470 / ((rows.size() + 8) * Math.sqrt(2) * (1 + 2 * skew));
		look.put("module", Math.min(module, fits));
		look.put("angle", random.nextInt(360));
		look.put("skew", skew);
		look.put("blur", blur);
		look.put("noise", noise);
		look.put("seed", random.nextInt(1 << 30));
		return look;
	}

	/** A phone held at a slight slant under a stall's light: a little skew, blur and noise, some contrast lost. */
	private Map<String, Object> camera(List<String> rows) {
		var look = look(rows, 3 + random.nextDouble(), 0.04, 1, 10);
		look.put("dark", 40 + random.nextInt(40));
		look.put("light", 180 + random.nextInt(60));
		return look;
	}

	@SuppressWarnings("unchecked")
	private static List<String> read(Page page, List<Sample> samples) {
		var texts = new ArrayList<String>();
		for (int from = 0; from < samples.size(); from += 25) {
			var batch = new ArrayList<Map<String, Object>>();
			for (var s : samples.subList(from, Math.min(samples.size(), from + 25))) {
				batch.add(Map.of("rows", s.rows(), "look", s.look()));
			}
			var answers = (List<Object>) page.evaluate("""
					async (samples) => {
						const { readQr } = await import('/common/qr-read.js');
						return samples.map((s) => readQr(renderQr(s.rows, s.look)));
					}""", batch);
			answers.forEach(a -> texts.add((String) a));
		}
		return texts;
	}

	// ---------------------------------------------------------------- codes

	private record Code(String text, List<String> rows) {
	}

	private Code zxing(String kind, int version, ErrorCorrectionLevel level) {
		var capacity = Version.getVersionForNumber(version);
		var blocks = capacity.getECBlocksForLevel(level);
		int dataBytes = capacity.getTotalCodewords() - blocks.getTotalECCodewords();
		// from about as much as fits, shorter until ZXing fits it into this version
		int length = switch (kind) {
			case "numeric" -> dataBytes * 12 / 5;
			case "alphanumeric" -> dataBytes * 8 / 5;
			case "kanji" -> dataBytes * 8 / 13;
			default -> dataBytes;
		};
		for (;; length = Math.max(1, length * 9 / 10 - 1)) {
			var text = text(kind, Math.max(1, length));
			var hints = new HashMap<EncodeHintType, Object>();
			hints.put(EncodeHintType.QR_VERSION, version);
			switch (kind) {
				case "utf8" -> hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
				case "kanji" -> hints.put(EncodeHintType.CHARACTER_SET, "Shift_JIS");
				case "mixed" -> {
					hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
					hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
				}
				default -> {
				}
			}
			try {
				var matrix = Encoder.encode(text, level, hints).getMatrix();
				var rows = new ArrayList<String>();
				for (int y = 0; y < matrix.getHeight(); y++) {
					var row = new StringBuilder();
					for (int x = 0; x < matrix.getWidth(); x++) {
						row.append(matrix.get(x, y) == 1 ? '1' : '0');
					}
					rows.add(row.toString());
				}
				if (!kind.equals("mixed")) { // the compact (mixed-mode) encoder takes the version as a most
					assertThat(rows).hasSize(17 + 4 * version);
				}
				return new Code(text, rows);
			}
			catch (WriterException tooLong) {
				if (length == 1) {
					throw new AssertionError(tooLong);
				}
			}
		}
	}

	private String text(String kind, int length) {
		String alphabet = switch (kind) {
			case "numeric" -> "0123456789";
			case "alphanumeric" -> "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
			case "utf8" -> "zażółć gęślą jaźń ZAŻÓŁĆ GĘŚLĄ JAŹŃ 🌭 hot dog 12,90 zł";
			case "kanji" -> "日本語漢字東京大阪食堂屋台熱狗";
			case "mixed" -> "";
			default -> "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 -_./:?=&%";
		};
		if (kind.equals("mixed")) { // runs of digits, capitals and Polish words, so the encoder switches modes
			var text = new StringBuilder();
			String[] parts = { "ORDER ", "0192837465019283", " Hot dog klasyczny ", "ŻUREK ", "4321 ", "X-7/Z" };
			while (text.length() < length) {
				text.append(parts[random.nextInt(parts.length)]);
			}
			return text.substring(0, length).strip().isEmpty() ? "ORDER" : text.substring(0, length);
		}
		var text = new StringBuilder();
		while (text.length() < length) {
			int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
			if (text.length() + Character.charCount(cp) > length) {
				break;
			}
			text.appendCodePoint(cp);
		}
		return text.isEmpty() ? alphabet.substring(0, 1) : text.toString();
	}

	private List<String> ourTexts() {
		var texts = new ArrayList<String>(List.of("1", "A", "Zażółć gęślą jaźń", "Hot dog klasyczny 12,90 zł",
				"ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż 🌭 hot dog", baseUrl() + "/receipt.html?sale=0192f1c4-5e6b-7a01-8c3d-2f4e6a8b0c1d"));
		// a pickup code as the server signs it: version, order id, stand, expiry, one item, a 64-byte signature
		var pickup = new byte[26 + 5 + 64];
		random.nextBytes(pickup);
		pickup[0] = 1;
		pickup[25] = 1;
		texts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(pickup));
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_./:?=&%łóżźćńąęś";
		for (int length : new int[] { 3, 14, 26, 40, 61, 84, 106, 122, 137, 150 }) {
			var text = new StringBuilder();
			for (int i = 0; i < length; i++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			texts.add(text.toString());
		}
		return texts;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ours(Page page, String text) {
		return (List<String>) page.evaluate("async (text) => (await import('/common/qr.js'))"
				+ ".qrMatrix(text).map(r => r.map(d => d ? '1' : '0').join(''))", text);
	}

	// ---------------------------------------------------------------- damage

	/** Function patterns of a version: finders with separators and format areas, timing, alignment, version areas. */
	private static boolean[][] functionModules(int version) {
		int size = 17 + 4 * version;
		var fixed = new boolean[size][size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				fixed[y][x] = (x < 9 && y < 9) || (x >= size - 8 && y < 9) || (x < 9 && y >= size - 8) || x == 6 || y == 6
						|| (version >= 7 && ((x >= size - 11 && y < 6) || (y >= size - 11 && x < 6)));
			}
		}
		var centres = Version.getVersionForNumber(version).getAlignmentPatternCenters();
		for (int cy : centres) {
			for (int cx : centres) {
				boolean inFinder = (cx < 9 && cy < 9) || (cx >= size - 8 && cy < 9) || (cx < 9 && cy >= size - 8);
				if (!inFinder) {
					for (int dy = -2; dy <= 2; dy++) {
						for (int dx = -2; dx <= 2; dx++) {
							fixed[cy + dy][cx + dx] = true;
						}
					}
				}
			}
		}
		return fixed;
	}

	/** {@code count} data modules flipped at random: each flip spoils at most one codeword. */
	private List<String> flipDataModules(List<String> rows, int version, int count) {
		var fixed = functionModules(version);
		var m = rows.stream().map(StringBuilder::new).toList();
		int size = rows.size();
		for (int flipped = 0; flipped < count;) {
			int x = random.nextInt(size);
			int y = random.nextInt(size);
			if (!fixed[y][x] && m.get(y).charAt(x) != 'x') {
				m.get(y).setCharAt(x, m.get(y).charAt(x) == '1' ? 'x' : 'y');
				flipped++;
			}
		}
		return m.stream().map(r -> r.toString().replace('x', '0').replace('y', '1')).toList();
	}

	/** The data modules of the right third and the bottom third painted over (inverted): far beyond repair. */
	private static List<String> paintOver(List<String> rows, int version) {
		var fixed = functionModules(version);
		int size = rows.size();
		var result = new ArrayList<String>();
		for (int y = 0; y < size; y++) {
			var row = new StringBuilder(rows.get(y));
			for (int x = 0; x < size; x++) {
				if (!fixed[y][x] && (x >= size * 2 / 3 || y >= size * 2 / 3)) {
					row.setCharAt(x, row.charAt(x) == '1' ? '0' : '1');
				}
			}
			result.add(row.toString());
		}
		return result;
	}

	private static List<String> transpose(List<String> rows) {
		var result = new ArrayList<String>();
		for (int x = 0; x < rows.size(); x++) {
			var row = new StringBuilder();
			for (var r : rows) {
				row.append(r.charAt(x));
			}
			result.add(row.toString());
		}
		return result;
	}

	private static String resource(String name) {
		try (var in = QrReadBrowserTest.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
