package com.diggety.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.diggety.catalog.Ingredients;
import com.diggety.catalog.Products;
import com.diggety.catalog.Substitute;
import com.diggety.catalog.Unit;
import com.diggety.identity.Role;
import com.diggety.identity.Users;
import com.diggety.inventory.Stock;
import com.diggety.stands.OpeningHours;
import com.diggety.stands.Stands;

/**
 * Seeds the demo business through the modules' own APIs. Everything is keyed by a code or username, so a restart
 * finds what is there and adds only what is missing.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "diggety.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final Stands stands;
	private final Ingredients ingredients;
	private final Products products;
	private final Users users;
	private final Stock stock;

	DemoData(Stands stands, Ingredients ingredients, Products products, Users users, Stock stock) {
		this.stands = stands;
		this.ingredients = ingredients;
		this.products = products;
		this.users = users;
		this.stock = stock;
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		var standIds = seedStands();
		var ingredientIds = seedIngredients();
		seedProducts(ingredientIds);
		seedSubstitutes(ingredientIds);
		seedAccounts(standIds);
		seedStock(standIds);
		log.info("Demo data ready: {} stands, {} ingredients, {} products ({} ms)", standIds.size(),
				ingredientIds.size(), products.all(false).size(), (System.nanoTime() - started) / 1_000_000);
	}

	private Map<String, Long> seedStands() {
		var ids = new HashMap<String, Long>();
		var places = Krakow.PLACES;
		for (int i = 0; i < places.size(); i++) {
			var place = places.get(i);
			var code = String.format("KRK-%02d", i + 1);
			var weekly = Krakow.hoursFor(place.kind());
			var hours = new OpeningHours(weekly.weekly(), holidays());
			var stand = stands.ensure(new Stands.Details(code, place.name(), place.placeName(), place.latitude(),
					place.longitude(), String.format("+48600100%03d", i + 1), i % 2 == 0, hours));
			ids.put(code, stand.id());
		}
		return ids;
	}

	/** Christmas Eve closes early and Christmas Day is closed, this year and next. */
	private static List<OpeningHours.SpecialDay> holidays() {
		var days = new ArrayList<OpeningHours.SpecialDay>();
		int year = Year.now().getValue();
		for (int y = year; y <= year + 1; y++) {
			days.add(new OpeningHours.SpecialDay(LocalDate.of(y, 12, 24), LocalTime.of(10, 0), LocalTime.of(14, 0),
					"Wigilia"));
			days.add(new OpeningHours.SpecialDay(LocalDate.of(y, 12, 25), null, null, "Boże Narodzenie"));
		}
		return days;
	}

	private Map<String, Long> seedIngredients() {
		record I(String code, String name, Unit unit, long threshold) {
		}
		var list = List.of(new I("BUN", "Bułka do hot doga", Unit.PIECE, 40),
				new I("BUN_GF", "Bułka bezglutenowa", Unit.PIECE, 10),
				new I("BUN_XXL", "Bułka XXL", Unit.PIECE, 10),
				new I("BAGUETTE_BUN", "Bułka francuska", Unit.PIECE, 15),
				new I("SAUSAGE_PORK", "Parówka wieprzowa", Unit.PIECE, 40),
				new I("SAUSAGE_VEGAN", "Parówka wegańska", Unit.PIECE, 10),
				new I("SAUSAGE_XXL", "Kiełbaska XXL", Unit.PIECE, 10),
				new I("KETCHUP", "Ketchup", Unit.GRAM, 500),
				new I("MUSTARD", "Musztarda", Unit.GRAM, 300),
				new I("GARLIC_SAUCE", "Sos czosnkowy", Unit.MILLILITRE, 300),
				new I("CHEDDAR", "Ser cheddar", Unit.GRAM, 400),
				new I("CHILI", "Chili con carne", Unit.GRAM, 1000),
				new I("JALAPENO", "Jalapeño", Unit.GRAM, 200),
				new I("CRISPY_ONION", "Cebulka prażona", Unit.GRAM, 200),
				new I("PICKLES", "Ogórek konserwowy", Unit.GRAM, 300),
				new I("FRIES", "Frytki mrożone", Unit.GRAM, 3000),
				new I("COLA_CAN", "Cola w puszce 0,33 l", Unit.PIECE, 24),
				new I("WATER_BOTTLE", "Woda 0,5 l", Unit.PIECE, 24),
				new I("LEMONADE_BASE", "Baza lemoniady", Unit.MILLILITRE, 2000),
				new I("COFFEE_BEANS", "Kawa ziarnista", Unit.GRAM, 250),
				new I("TEA_BAG", "Herbata w torebkach", Unit.PIECE, 20),
				new I("CUP", "Kubek papierowy", Unit.PIECE, 50));
		var ids = new HashMap<String, Long>();
		for (var i : list) {
			ids.put(i.code(), ingredients.ensure(new Ingredients.Details(i.code(), i.name(), i.unit(), i.threshold())).id());
		}
		return ids;
	}

	private void seedProducts(Map<String, Long> ing) {
		product("HOTDOG_CLASSIC", "Hot dog klasyczny", "Parówka wieprzowa, ketchup i musztarda", "hot-dogs", 1290, 800, 90,
				ing, "BUN", 1, "SAUSAGE_PORK", 1, "KETCHUP", 15, "MUSTARD", 10);
		product("HOTDOG_CHILI", "Hot dog chili", "Z chili con carne, jalapeño i cheddarem", "hot-dogs", 1690, 800, 120,
				ing, "BUN", 1, "SAUSAGE_PORK", 1, "CHILI", 60, "JALAPENO", 15, "CHEDDAR", 20);
		product("HOTDOG_CHEESE", "Hot dog z serem", "Z roztopionym cheddarem", "hot-dogs", 1490, 800, 100,
				ing, "BUN", 1, "SAUSAGE_PORK", 1, "CHEDDAR", 30, "KETCHUP", 15);
		product("HOTDOG_ONION", "Hot dog z cebulką", "Prażona cebulka, ogórek i musztarda", "hot-dogs", 1390, 800, 90,
				ing, "BUN", 1, "SAUSAGE_PORK", 1, "CRISPY_ONION", 15, "PICKLES", 20, "MUSTARD", 10);
		product("HOTDOG_GF", "Hot dog bezglutenowy", "W bułce bezglutenowej", "hot-dogs", 1490, 800, 90,
				ing, "BUN_GF", 1, "SAUSAGE_PORK", 1, "KETCHUP", 15);
		product("HOTDOG_VEGAN", "Hot dog wegański", "Parówka roślinna, musztarda, ogórek", "hot-dogs", 1590, 800, 90,
				ing, "BUN", 1, "SAUSAGE_VEGAN", 1, "MUSTARD", 10, "PICKLES", 20);
		product("HOTDOG_XXL", "Hot dog XXL", "Długa kiełbaska w bułce XXL z cebulką", "hot-dogs", 1990, 800, 150,
				ing, "BUN_XXL", 1, "SAUSAGE_XXL", 1, "KETCHUP", 25, "MUSTARD", 15, "CRISPY_ONION", 20);
		product("HOTDOG_FRENCH", "Hot dog francuski", "W bagietce z sosem czosnkowym", "hot-dogs", 1390, 800, 90,
				ing, "BAGUETTE_BUN", 1, "SAUSAGE_PORK", 1, "GARLIC_SAUCE", 20, "KETCHUP", 10);
		product("FRIES", "Frytki", "Porcja frytek z ketchupem", "sides", 990, 800, 180,
				ing, "FRIES", 150, "KETCHUP", 20);
		product("FRIES_CHEESE", "Frytki z serem", "Frytki z sosem serowym", "sides", 1290, 800, 200,
				ing, "FRIES", 150, "CHEDDAR", 30);
		product("COLA", "Cola 0,33 l", "Puszka, schłodzona", "drinks", 690, 2300, 10, ing, "COLA_CAN", 1);
		product("WATER", "Woda 0,5 l", "Niegazowana", "drinks", 490, 800, 10, ing, "WATER_BOTTLE", 1);
		product("LEMONADE", "Lemoniada", "Domowa, z miętą", "drinks", 890, 2300, 30, ing, "LEMONADE_BASE", 300, "CUP", 1);
		product("COFFEE", "Kawa", "Czarna lub z mlekiem", "drinks", 790, 800, 60, ing, "COFFEE_BEANS", 14, "CUP", 1);
		product("TEA", "Herbata", "Czarna z cytryną", "drinks", 590, 800, 40, ing, "TEA_BAG", 1, "CUP", 1);
	}

	private void product(String code, String name, String description, String category, long price, int vat, int prep,
			Map<String, Long> ingredientIds, Object... recipe) {
		var portions = new ArrayList<Products.Portion>();
		for (int i = 0; i < recipe.length; i += 2) {
			portions.add(new Products.Portion(ingredientIds.get((String) recipe[i]), ((Number) recipe[i + 1]).longValue()));
		}
		products.ensure(new Products.Details(code, name, description, null, category, price, "PLN", vat, prep), portions);
	}

	private void seedSubstitutes(Map<String, Long> ing) {
		ingredients.ensureSubstitute(Substitute.Kind.INGREDIENT, ing.get("BUN_GF"), ing.get("BUN"));
		ingredients.ensureSubstitute(Substitute.Kind.INGREDIENT, ing.get("BUN_XXL"), ing.get("BUN"));
		ingredients.ensureSubstitute(Substitute.Kind.INGREDIENT, ing.get("SAUSAGE_XXL"), ing.get("SAUSAGE_PORK"));
		ingredients.ensureSubstitute(Substitute.Kind.INGREDIENT, ing.get("BAGUETTE_BUN"), ing.get("BUN"));
		var lemonade = products.findByCode("LEMONADE").orElseThrow().id();
		var water = products.findByCode("WATER").orElseThrow().id();
		ingredients.ensureSubstitute(Substitute.Kind.PRODUCT, lemonade, water);
	}

	/** Every stand started (a day before the first start) with four times each ingredient's low-stock threshold. */
	private void seedStock(Map<String, Long> standIds) {
		var opening = new java.util.LinkedHashMap<Long, Long>();
		ingredients.all(false).forEach(i -> opening.put(i.id(), Math.max(10, i.lowStockThreshold() * 4)));
		standIds.forEach((code, id) -> stock.seed(id, opening, java.time.Instant.now().minus(java.time.Duration.ofDays(1)), "demo:opening:" + code));
	}

	private void seedAccounts(Map<String, Long> standIds) {
		var hashes = new HashMap<String, String>();
		for (var account : DemoAccounts.all(standIds.size())) {
			if (users.findByUsername(account.username()).isPresent()) {
				continue;
			}
			// one hash per distinct demo password keeps the first start fast
			var hash = hashes.computeIfAbsent(account.password(), users::hash);
			users.ensure(account.username(), account.displayName(), account.role(), hash,
					account.role() == Role.OPERATOR ? standIds.get(account.standCode()) : null);
		}
	}
}
