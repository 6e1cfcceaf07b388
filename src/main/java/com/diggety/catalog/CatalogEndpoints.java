package com.diggety.catalog;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.URL;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.shared.Business;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The catalog over HTTP: the public menu of a stand, and the office's products, ingredients and substitutes. */
@RestController
@Tag(name = "Catalog")
class CatalogEndpoints {

	/** VAT rates in force in Poland for what a stand sells, in basis points. */
	static final List<Integer> VAT_RATES = List.of(0, 500, 800, 2300);

	record ProductForm(@NotBlank @Pattern(regexp = "[A-Z0-9_-]{2,40}", message = "use 2-40 capital letters, digits, _ or -") String code,
			@NotBlank @Size(max = 120) String name, @Size(max = 1000) String description,
			@Size(max = 500) @URL(regexp = "^(https?|/).*", message = "must be an http(s) URL") String photoUrl,
			@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,39}", message = "use lower-case letters, digits or -") String category,
			@NotNull @PositiveOrZero @Max(10_000_000) Long priceMinor,
			@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
			@NotNull Integer vatRateBasisPoints, @PositiveOrZero @Max(3600) Integer prepSeconds, Integer version) {
	}

	record PortionForm(@NotNull Long ingredientId, @NotNull @Positive @Max(1_000_000) Long quantity) {
	}

	record IngredientForm(@NotBlank @Pattern(regexp = "[A-Z0-9_-]{2,40}", message = "use 2-40 capital letters, digits, _ or -") String code,
			@NotBlank @Size(max = 120) String name, @NotNull Unit unit,
			@NotNull @PositiveOrZero @Max(100_000_000) Long lowStockThreshold, Integer version) {
	}

	record SubstituteForm(@NotNull Substitute.Kind kind, @NotNull Long originalId, @NotNull Long substituteId) {
	}

	record Availability(@NotNull Boolean available) {
	}

	private final Products products;
	private final Ingredients ingredients;
	private final Menus menus;
	private final Business business;

	CatalogEndpoints(Products products, Ingredients ingredients, Menus menus, Business business) {
		this.products = products;
		this.ingredients = ingredients;
		this.menus = menus;
		this.business = business;
	}

	@Operation(summary = "A stand's menu with prices and availability (public)")
	@GetMapping("/api/v1/stands/{id}/menu")
	Menus.Menu menu(@PathVariable long id) {
		return menus.of(id);
	}

	@Operation(summary = "Put a product on or take it off one stand's menu (owner, manager)")
	@PutMapping("/api/v1/stands/{id}/menu/{productId}")
	Menus.Menu setAvailability(@PathVariable long id, @PathVariable long productId,
			@Valid @RequestBody Availability availability) {
		return menus.setAvailable(id, productId, availability.available());
	}

	@Operation(summary = "All products with recipes (staff)")
	@GetMapping("/api/v1/products")
	List<Product> products(@RequestParam(defaultValue = "false") boolean includeArchived) {
		return products.all(includeArchived);
	}

	@Operation(summary = "One product with its recipe (staff)")
	@GetMapping("/api/v1/products/{id}")
	Product product(@PathVariable long id) {
		return products.find(id).orElseThrow(() -> Problem.notFound("Product", id));
	}

	@Operation(summary = "Create a product (owner, manager)")
	@PostMapping("/api/v1/products")
	@ResponseStatus(HttpStatus.CREATED)
	Product create(@Valid @RequestBody ProductForm form) {
		return products.create(details(form));
	}

	@Operation(summary = "Edit a product; send the version you read (owner, manager)")
	@PutMapping("/api/v1/products/{id}")
	Product update(@PathVariable long id, @Valid @RequestBody ProductForm form) {
		return products.update(id, details(form), form.version());
	}

	@Operation(summary = "Archive a product: off every menu, history kept (owner, manager)")
	@PostMapping("/api/v1/products/{id}/archive")
	Product archive(@PathVariable long id) {
		return products.setActive(id, false);
	}

	@Operation(summary = "Bring an archived product back (owner, manager)")
	@PostMapping("/api/v1/products/{id}/restore")
	Product restore(@PathVariable long id) {
		return products.setActive(id, true);
	}

	@Operation(summary = "Replace a product's recipe (owner, manager)")
	@PutMapping("/api/v1/products/{id}/recipe")
	Product recipe(@PathVariable long id, @RequestBody @NotNull List<@Valid PortionForm> recipe) {
		return products.setRecipe(id, recipe.stream().map(p -> new Products.Portion(p.ingredientId(), p.quantity())).toList());
	}

	@Operation(summary = "All ingredients (staff)")
	@GetMapping("/api/v1/ingredients")
	List<Ingredient> ingredients(@RequestParam(defaultValue = "false") boolean includeArchived) {
		return ingredients.all(includeArchived);
	}

	@Operation(summary = "Create an ingredient (owner, manager)")
	@PostMapping("/api/v1/ingredients")
	@ResponseStatus(HttpStatus.CREATED)
	Ingredient createIngredient(@Valid @RequestBody IngredientForm form) {
		return ingredients.create(new Ingredients.Details(form.code(), form.name().trim(), form.unit(), form.lowStockThreshold()));
	}

	@Operation(summary = "Edit an ingredient (owner, manager)")
	@PutMapping("/api/v1/ingredients/{id}")
	Ingredient updateIngredient(@PathVariable long id, @Valid @RequestBody IngredientForm form) {
		return ingredients.update(id, new Ingredients.Details(form.code(), form.name().trim(), form.unit(),
				form.lowStockThreshold()), form.version());
	}

	@Operation(summary = "Archive an ingredient no active recipe uses (owner, manager)")
	@PostMapping("/api/v1/ingredients/{id}/archive")
	Ingredient archiveIngredient(@PathVariable long id) {
		return ingredients.setActive(id, false);
	}

	@Operation(summary = "Bring an archived ingredient back (owner, manager)")
	@PostMapping("/api/v1/ingredients/{id}/restore")
	Ingredient restoreIngredient(@PathVariable long id) {
		return ingredients.setActive(id, true);
	}

	@Operation(summary = "All substitutes (staff)")
	@GetMapping("/api/v1/substitutes")
	List<Substitute> substitutes() {
		return ingredients.substitutes();
	}

	@Operation(summary = "Declare a substitute (owner, manager)")
	@PostMapping("/api/v1/substitutes")
	@ResponseStatus(HttpStatus.CREATED)
	Substitute addSubstitute(@Valid @RequestBody SubstituteForm form) {
		return ingredients.addSubstitute(form.kind(), form.originalId(), form.substituteId());
	}

	@Operation(summary = "Remove a substitute (owner, manager)")
	@DeleteMapping("/api/v1/substitutes/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeSubstitute(@PathVariable long id) {
		ingredients.removeSubstitute(id);
	}

	private Products.Details details(ProductForm form) {
		if (!VAT_RATES.contains(form.vatRateBasisPoints())) {
			throw Problem.invalid("vatRateBasisPoints", "must be one of " + VAT_RATES);
		}
		var currency = form.currency() == null ? business.currency() : form.currency();
		if (!currency.equals(business.currency())) {
			throw Problem.invalid("currency", "prices are in " + business.currency());
		}
		return new Products.Details(form.code(), form.name().trim(), blankToNull(form.description()),
				blankToNull(form.photoUrl()), form.category(), form.priceMinor(), currency, form.vatRateBasisPoints(),
				form.prepSeconds() == null ? 60 : form.prepSeconds());
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
