package com.diggety.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * The phone's own QR encoder (static/common/qr.js) draws standard codes: each string, from 1 to 150 characters,
 * ASCII and Polish UTF-8, a receipt link among them, is rendered in Chromium, its module matrix taken out and
 * decoded by ZXing (finder-pattern detection included) back to exactly the same text; every mask is exercised too.
 */
class QrCodeBrowserTest extends BrowserTest {

	private static final int QUIET = 4;

	@Test
	void everyStringDecodesBackExactly() {
		var page = desktop("en-GB");
		page.navigate("/receipt.html");
		var texts = new ArrayList<String>(List.of("1", "A", "Zażółć gęślą jaźń", "Hot dog klasyczny 12,90 zł",
				baseUrl() + "/receipt.html?sale=0192f1c4-5e6b-7a01-8c3d-2f4e6a8b0c1d",
				"https://diggety.example/receipt.html?sale=0192f1c4-5e6b-7a01-8c3d-2f4e6a8b0c1d",
				"ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż 🌭 hot dog", "https://example.com/?q=a&b=<c>\"d\"'e'"));
		var random = new Random(20261125);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_./:?=&%łóżźćńąęś";
		for (int length : new int[] { 2, 7, 14, 17, 25, 32, 40, 53, 62, 77, 84, 98, 106, 119, 122, 137, 149, 150 }) {
			var text = new StringBuilder();
			for (int i = 0; i < length; i++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			texts.add(text.toString());
		}
		texts.add("x".repeat(150));
		for (var text : texts) {
			assertThat(decode(matrix(page, text, null))).as("decoded %s", text).isEqualTo(text);
		}
		// every mask gives a valid symbol (read module by module: a mask the encoder would not choose may well
		// confuse a camera's finder-pattern search, which is what the penalty rules are for)
		for (int mask = 0; mask < 8; mask++) {
			var text = "mask " + mask + " " + baseUrl() + "/receipt.html?sale=" + mask;
			assertThat(decodeModules(matrix(page, text, mask))).as("mask %d", mask).isEqualTo(text);
		}
		// for byte-mode ASCII text the symbol is module for module the one ZXing's own encoder makes (same version,
		// same codewords, same mask choice by the same penalty rules)
		String ascii = "abcdefghijklmnopqrstuvwxyz0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ-_./:?=&%";
		for (int i = 0; i < 40; i++) {
			var text = new StringBuilder("x");
			int length = 1 + random.nextInt(149);
			for (int k = 0; k < length; k++) {
				text.append(ascii.charAt(random.nextInt(ascii.length())));
			}
			var mine = matrix(page, text.toString(), null);
			assertThat(decode(mine)).isEqualTo(text.toString());
			assertThat(mine).as("same symbol as ZXing for %s", text).isDeepEqualTo(zxing(text.toString()));
		}
		var svg = (String) page.evaluate("async () => (await import('/common/qr.js')).qrSvg('Diggety')");
		assertThat(svg).startsWith("<svg").contains("viewBox").contains("role=\"img\"");
	}

	@SuppressWarnings("unchecked")
	private static boolean[][] matrix(com.microsoft.playwright.Page page, String text, Integer mask) {
		var rows = (List<String>) page.evaluate("async ([text, mask]) => (await import('/common/qr.js'))"
				+ ".qrMatrix(text, mask === null ? {} : { mask }).map(r => r.map(d => d ? '1' : '0').join(''))",
				java.util.Arrays.asList(text, mask));
		var m = new boolean[rows.size()][];
		for (int y = 0; y < rows.size(); y++) {
			var row = rows.get(y);
			assertThat(row).hasSize(rows.size());
			m[y] = new boolean[row.length()];
			for (int x = 0; x < row.length(); x++) {
				m[y][x] = row.charAt(x) == '1';
			}
		}
		assertThat(m.length).as("versions 1 to 10").isBetween(21, 57);
		return m;
	}

	/**
	 * Decodes the symbol as a picture, finder patterns and all, drawn at a few sizes (ZXing's detector misses the
	 * odd perfectly drawn symbol at one particular size, its own encoder's output included), then as a pure barcode.
	 */
	private static String decode(boolean[][] modules) {
		Exception failure = null;
		for (int scale : new int[] { 6, 4, 5, 8 }) {
			for (var hints : List.of(Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))) {
				try {
					var bitmap = new BinaryBitmap(new HybridBinarizer(new ModuleSource(modules, scale)));
					return new QRCodeReader().decode(bitmap, hints).getText();
				}
				catch (Exception e) {
					failure = e;
				}
			}
		}
		throw new AssertionError("ZXing could not decode the matrix: " + failure, failure);
	}

	private static boolean[][] zxing(String text) {
		try {
			var matrix = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
			var m = new boolean[matrix.getHeight()][matrix.getWidth()];
			for (int y = 0; y < m.length; y++) {
				for (int x = 0; x < m.length; x++) {
					m[y][x] = matrix.get(x, y) == 1;
				}
			}
			return m;
		}
		catch (com.google.zxing.WriterException e) {
			throw new AssertionError(e);
		}
	}

	private static String decodeModules(boolean[][] modules) {
		var bits = new BitMatrix(modules.length);
		for (int y = 0; y < modules.length; y++) {
			for (int x = 0; x < modules.length; x++) {
				if (modules[y][x]) {
					bits.set(x, y);
				}
			}
		}
		try {
			return new Decoder().decode(bits).getText();
		}
		catch (Exception e) {
			throw new AssertionError("ZXing could not decode the modules: " + e, e);
		}
	}

	/** The module matrix as a grey image: `scale` pixels per module, a QUIET-module white border. */
	private static final class ModuleSource extends LuminanceSource {

		private final boolean[][] modules;
		private final int scale;

		ModuleSource(boolean[][] modules, int scale) {
			super((modules.length + 2 * QUIET) * scale, (modules.length + 2 * QUIET) * scale);
			this.modules = modules;
			this.scale = scale;
		}

		private byte pixel(int x, int y) {
			int mx = x / scale - QUIET;
			int my = y / scale - QUIET;
			boolean dark = mx >= 0 && my >= 0 && my < modules.length && mx < modules.length && modules[my][mx];
			return (byte) (dark ? 0 : 255);
		}

		@Override
		public byte[] getRow(int y, byte[] row) {
			if (row == null || row.length < getWidth()) {
				row = new byte[getWidth()];
			}
			for (int x = 0; x < getWidth(); x++) {
				row[x] = pixel(x, y);
			}
			return row;
		}

		@Override
		public byte[] getMatrix() {
			var matrix = new byte[getWidth() * getHeight()];
			for (int y = 0; y < getHeight(); y++) {
				for (int x = 0; x < getWidth(); x++) {
					matrix[y * getWidth() + x] = pixel(x, y);
				}
			}
			return matrix;
		}
	}
}
