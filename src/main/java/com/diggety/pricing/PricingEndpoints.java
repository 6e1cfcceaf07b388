package com.diggety.pricing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.identity.Role;
import com.diggety.pricing.engine.Cart;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Quotes for everyone; promotions, codes and the owner's limits for the staff. */
@RestController
@Tag(name = "Pricing")
class PricingEndpoints {

	record QuoteLine(@NotNull Long productId, @NotNull Integer quantity) {
	}

	record QuoteRequest(@NotNull Long standId, @NotNull List<@Valid QuoteLine> lines, List<String> codes) {
	}

	record CodeRequest(Integer count, @Size(max = 32) String code, Integer maxUses, Integer perCustomerLimit,
			Instant validFrom, Instant validTo) {
	}

	record PolicyForm(@NotNull Integer operatorMaxPercentBp, @NotNull Set<PromotionSpec.Kind> operatorKinds,
			Integer maxDiscountBp, Long maxDiscountMinor, @NotNull Integer version) {
	}

	record PromotionForm(@NotNull @Valid PromotionSpec definition, Integer version) {
	}

	private final Pricing pricing;
	private final Promotions promotions;
	private final Codes codes;

	PricingEndpoints(Pricing pricing, Promotions promotions, Codes codes) {
		this.pricing = pricing;
		this.promotions = promotions;
		this.codes = codes;
	}

	@Operation(summary = "Price a cart: lines, applied promotions with reasons, totals and VAT; changes nothing (public)")
	@PostMapping("/api/v1/pricing/quote")
	Pricing.Priced quote(@RequestBody QuoteRequest request, HttpServletRequest http) {
		requireFields(request); // by hand rather than @Valid: the busiest public call, and this is all it needs
		var customer = Caller.current().filter(c -> c.role() == Role.CUSTOMER).map(c -> "user:" + c.userId())
				.orElse(null);
		var lines = request.lines().stream().map(l -> new Cart.Line(l.productId(), l.quantity())).toList();
		return pricing.quote(request.standId(), lines, request.codes(), customer, http.getRemoteAddr());
	}

	private static void requireFields(QuoteRequest request) {
		var missing = new java.util.ArrayList<Problem.FieldError>();
		if (request.standId() == null) {
			missing.add(new Problem.FieldError("standId", "must not be null"));
		}
		if (request.lines() == null) {
			missing.add(new Problem.FieldError("lines", "must not be null"));
		}
		else {
			for (int i = 0; i < request.lines().size(); i++) {
				var line = request.lines().get(i);
				if (line == null || line.productId() == null) {
					missing.add(new Problem.FieldError("lines[" + i + "].productId", "must not be null"));
				}
				if (line == null || line.quantity() == null) {
					missing.add(new Problem.FieldError("lines[" + i + "].quantity", "must not be null"));
				}
			}
		}
		if (!missing.isEmpty()) {
			throw Problem.malformed(missing);
		}
	}

	@Operation(summary = "Promotions the caller may see: all for the office, the company's and its own for an operator")
	@GetMapping("/api/v1/promotions")
	List<Promotions.Stored> list(@RequestParam(defaultValue = "false") boolean includeArchived) {
		return promotions.visibleTo(Caller.current().orElseThrow(), includeArchived);
	}

	@Operation(summary = "One promotion (office; an operator its own stand's or the company's)")
	@GetMapping("/api/v1/promotions/{id}")
	Promotions.Stored one(@PathVariable long id) {
		var caller = Caller.current().orElseThrow();
		return promotions.visibleTo(caller, true).stream().filter(p -> p.id() == id).findFirst()
				.orElseThrow(() -> Problem.notFound("Promotion", id));
	}

	@Operation(summary = "Create a promotion; an operator's applies to its own stand within the owner's limits")
	@PostMapping("/api/v1/promotions")
	@ResponseStatus(HttpStatus.CREATED)
	Promotions.Stored create(@Valid @RequestBody PromotionForm form) {
		return promotions.create(form.definition());
	}

	@Operation(summary = "Change a promotion; send the version you read")
	@PutMapping("/api/v1/promotions/{id}")
	Promotions.Stored update(@PathVariable long id, @Valid @RequestBody PromotionForm form) {
		return promotions.update(id, form.definition(), form.version());
	}

	@Operation(summary = "Pause a promotion")
	@PostMapping("/api/v1/promotions/{id}/pause")
	Promotions.Stored pause(@PathVariable long id) {
		return promotions.setStatus(id, Promotions.Status.PAUSED);
	}

	@Operation(summary = "Resume a paused promotion")
	@PostMapping("/api/v1/promotions/{id}/resume")
	Promotions.Stored resume(@PathVariable long id) {
		return promotions.setStatus(id, Promotions.Status.ACTIVE);
	}

	@Operation(summary = "Archive a promotion for good")
	@PostMapping("/api/v1/promotions/{id}/archive")
	Promotions.Stored archive(@PathVariable long id) {
		return promotions.setStatus(id, Promotions.Status.ARCHIVED);
	}

	@Operation(summary = "A promotion's codes with their uses")
	@GetMapping("/api/v1/promotions/{id}/codes")
	List<Codes.Code> codes(@PathVariable long id) {
		return codes.of(id);
	}

	@Operation(summary = "Create codes for a promotion: {count} random ones, or one vanity {code}")
	@PostMapping("/api/v1/promotions/{id}/codes")
	@ResponseStatus(HttpStatus.CREATED)
	List<Codes.Code> createCodes(@PathVariable long id, @Valid @RequestBody CodeRequest request) {
		var terms = new Codes.Terms(request.maxUses(), request.perCustomerLimit(), request.validFrom(),
				request.validTo());
		if (request.code() != null && !request.code().isBlank()) {
			return List.of(codes.addVanity(id, request.code(), terms));
		}
		return codes.generate(id, request.count() == null ? 1 : request.count(), terms);
	}

	@Operation(summary = "The owner's discount limits")
	@GetMapping("/api/v1/pricing/policy")
	DiscountPolicy policy() {
		return promotions.policy();
	}

	@Operation(summary = "Change the owner's discount limits (owner)")
	@PutMapping("/api/v1/pricing/policy")
	DiscountPolicy updatePolicy(@Valid @RequestBody PolicyForm form) {
		return promotions.updatePolicy(new DiscountPolicy(form.operatorMaxPercentBp(),
				form.operatorKinds().isEmpty() ? EnumSet.noneOf(PromotionSpec.Kind.class) : EnumSet.copyOf(form.operatorKinds()),
				form.maxDiscountBp(), form.maxDiscountMinor(), form.version()));
	}
}
