package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.diggety.orders.OrderStage;
import com.diggety.stands.Stands;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * The operator scans a customer's pickup QR with the phone's camera in a browser without BarcodeDetector (Debian's
 * Chromium has none, so our own decoder reads the frames): Chromium plays a generated video as its camera, showing
 * the QR of a real accepted order, slightly turned, on a grey table. The first scan hands the order over; the same
 * code scanned again is refused as already collected. The signed-in app has its service worker keep the decoder.
 */
class PickupScanBrowserTest extends BrowserTest {

	private static final LocatorAssertions.HasAttributeOptions SLOW = new LocatorAssertions.HasAttributeOptions()
			.setTimeout(30_000);

	@Autowired
	Stands stands;

	@Test
	void theOperatorScansTheCustomersPickupCodeOnceOnly() throws IOException {
		var stage = OrderStage.open(http, false, "+48600420077", 5000);
		stands.heartbeat(stage.standId, UUID.randomUUID(), "wifi"); // the stand is online: the order comes to its phone
		var placed = stage.place(OrderStage.order(stage.standId, productId("HOTDOG_CLASSIC"), 1, "scan@example.com"));
		stage.pay(placed);
		stage.awaitStatus(placed, "PAID");
		var accepted = stage.operatorHttp().post("/api/v1/orders/" + placed.id() + "/transitions", Map.of("to", "ACCEPTED"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		// the text the customer's page draws into #pickup-qr
		var pickupCode = stage.follow(placed).get("pickupCode").asString();
		assertThat(pickupCode).isNotBlank();

		var video = Path.of("target", "camera", "pickup-" + placed.number() + ".y4m");
		writeVideo(video, qrMatrix(pickupCode));
		var camera = launch(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
				"--use-file-for-fake-video-capture=" + video.toAbsolutePath()));
		try (var phone = camera.newContext(operatorPhoneOptions().setPermissions(List.of("camera")))) {
			var page = operatorSignedIn(phone, stage.operator, OrderStage.OPERATOR_PASSWORD);
			page.locator("#tab-orders").click();
			// once signed in, the service worker keeps the decoder too, so scanning works offline
			page.waitForFunction("caches.match('/common/qr-read.js').then((hit) => Boolean(hit))", null,
					new Page.WaitForFunctionOptions().setTimeout(30_000));
			assertThat((Boolean) page.evaluate("'BarcodeDetector' in window"))
					.as("this Chromium has no BarcodeDetector, so our decoder does the reading").isFalse();

			var result = page.locator("#pickup-result");
			page.locator("#pickup-scan").click();
			assertThat(result).hasAttribute("data-result", "ok", SLOW);
			assertThat(result).containsText("Hand over order " + placed.number());
			assertThat(page.locator("#pickup-input")).hasValue("");
			assertThat(stage.awaitStatus(placed, "PICKED_UP").get("status").asString()).isEqualTo("PICKED_UP");

			// the customer shows the same code again: the camera reads it, the phone refuses it
			page.locator("#pickup-scan").click();
			assertThat(result).hasAttribute("data-result", "refused", SLOW);
			assertThat(result).containsText("Already collected");
			assertThat(page.locator("#pickup-input")).hasValue(pickupCode);
		}
		finally {
			camera.close();
		}
	}

	private long productId(String code) {
		for (var p : http.as("owner").get("/api/v1/products").json()) {
			if (code.equals(p.get("code").asString())) {
				return p.get("id").asLong();
			}
		}
		throw new IllegalArgumentException(code);
	}

	/** The customer page's own encoder draws the code (common/qr.js), as the module matrix. */
	@SuppressWarnings("unchecked")
	private boolean[][] qrMatrix(String text) {
		var page = desktop("en-GB");
		page.navigate("/receipt.html");
		var rows = (List<List<Boolean>>) page.evaluate("async (text) => (await import('/common/qr.js')).qrMatrix(text)", text);
		var m = new boolean[rows.size()][rows.size()];
		for (int y = 0; y < m.length; y++) {
			for (int x = 0; x < m.length; x++) {
				m[y][x] = rows.get(y).get(x);
			}
		}
		return m;
	}

	/**
	 * A Y4M video (640x480, 4:2:0, 10 frames a second, a few frames, played in a loop): the code with its white
	 * quiet zone, 4 pixels a module, turned by 8 degrees on a grey background, drawn with 4x4 samples a pixel.
	 */
	private static void writeVideo(Path file, boolean[][] modules) throws IOException {
		int width = 640;
		int height = 480;
		int total = modules.length + 8;
		double module = 4;
		double turn = Math.toRadians(8);
		var luma = new byte[width * height];
		for (int py = 0; py < height; py++) {
			for (int px = 0; px < width; px++) {
				int sum = 0;
				for (int j = 0; j < 4; j++) {
					for (int i = 0; i < 4; i++) {
						// back from the picture into the symbol: undo the turn about the centre, then the scale
						double dx = px + (i + 0.5) / 4 - width / 2.0;
						double dy = py + (j + 0.5) / 4 - height / 2.0;
						double mx = (dx * Math.cos(turn) + dy * Math.sin(turn)) / module + total / 2.0;
						double my = (-dx * Math.sin(turn) + dy * Math.cos(turn)) / module + total / 2.0;
						int value;
						if (mx < 0 || my < 0 || mx >= total || my >= total) {
							value = 120; // the table
						}
						else {
							int x = (int) mx - 4;
							int y = (int) my - 4;
							value = x >= 0 && y >= 0 && x < modules.length && y < modules.length && modules[y][x] ? 30 : 225;
						}
						sum += value;
					}
				}
				luma[py * width + px] = (byte) (sum / 16);
			}
		}
		var chroma = new byte[width * height / 4];
		java.util.Arrays.fill(chroma, (byte) 128);
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
			for (int frame = 0; frame < 3; frame++) {
				out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
				out.write(luma);
				out.write(chroma);
				out.write(chroma);
			}
		}
	}
}
