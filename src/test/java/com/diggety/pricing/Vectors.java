package com.diggety.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.diggety.Http;
import com.diggety.pricing.engine.Cart;
import com.diggety.pricing.engine.Item;
import com.diggety.pricing.engine.Limits;
import com.diggety.pricing.engine.Promotion;

import tools.jackson.databind.JsonNode;

/** The shared pricing vectors (src/test/resources/pricing/vectors.json), read into the engine's types. */
public final class Vectors {

	public record Case(String name, List<Promotion> promotions, Cart cart, Limits limits, JsonNode expected) {

		@Override
		public String toString() {
			return name;
		}
	}

	public static final JsonNode ROOT = read();
	public static final ZoneId ZONE = ZoneId.of(ROOT.get("zone").asString());
	public static final Map<Long, Item> CATALOG = catalog();

	private Vectors() {
	}

	private static JsonNode read() {
		try (InputStream in = Vectors.class.getResourceAsStream("/pricing/vectors.json")) {
			return Http.JSON.readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Map<Long, Item> catalog() {
		var map = new LinkedHashMap<Long, Item>();
		ROOT.get("catalog").forEach(n -> {
			var item = Http.JSON.treeToValue(n, Item.class);
			map.put(item.id(), item);
		});
		return map;
	}

	public static List<Case> cases() {
		return ROOT.get("cases").valueStream().map(n -> new Case(n.get("name").asString(),
				n.get("promotions").valueStream()
						.map(p -> Http.JSON.treeToValue(p, PromotionSpec.class).toPromotion()).toList(),
				Http.JSON.treeToValue(n.get("cart"), Cart.class),
				Http.JSON.treeToValue(n.get("limits"), Limits.class), n.get("expected"))).toList();
	}
}
