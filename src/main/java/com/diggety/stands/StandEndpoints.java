package com.diggety.stands;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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

import com.diggety.identity.Users;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The stands over HTTP: nearby for everyone, details and edits for the office, moves for the stand's operator. */
@RestController
@Tag(name = "Stands")
class StandEndpoints {

	record HoursForm(@NotNull List<OpeningHours.Weekly> weekly,
			List<OpeningHours.SpecialDay> specialDays) {

		OpeningHours toHours() {
			return new OpeningHours(weekly, specialDays == null ? List.of() : specialDays);
		}
	}

	record StandForm(@NotBlank @Pattern(regexp = "[A-Z0-9-]{2,32}", message = "use 2-32 capital letters, digits or -") String code,
			@NotBlank @Size(max = 120) String name, @Size(max = 200) String placeName,
			@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
			@Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "use the international format, e.g. +48600100200") String phone,
			boolean autoConfirm, @NotNull @Valid HoursForm hours, Integer version) {

		Stands.Details toDetails() {
			return new Stands.Details(code, name.trim(), placeName == null ? null : placeName.trim(), latitude,
					longitude, phone, autoConfirm, hours.toHours());
		}
	}

	record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude, @Size(max = 200) String placeName) {
	}

	/** What anyone may see of a stand. */
	record PublicStand(long id, String name, String placeName, double latitude, double longitude, boolean openNow,
			Instant closesAt, Instant nextOpening, OpeningHours hours) {
	}

	/** What the office sees: everything, with the operators bound to the stand. */
	record StaffStand(long id, String code, String name, String placeName, double latitude, double longitude,
			String phone, boolean autoConfirm, boolean active, boolean openForCustomers, int version, boolean openNow,
			boolean online, Instant lastSeen, String network, OpeningHours hours, List<Users.Account> operators) {
	}

	private final Stands stands;
	private final Users users;
	private final Business business;
	private final Presence presence;
	private final Clock clock = Clock.systemUTC();

	StandEndpoints(Stands stands, Users users, Business business, Presence presence) {
		this.stands = stands;
		this.users = users;
		this.business = business;
		this.presence = presence;
	}

	@Operation(summary = "Stands sorted by great-circle distance from a point, with open-now and next opening (public)")
	@GetMapping("/api/v1/stands/nearby")
	List<Stands.Nearby> nearby(@RequestParam @DecimalMin("-90") @DecimalMax("90") double lat,
			@RequestParam @DecimalMin("-180") @DecimalMax("180") double lon,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(defaultValue = "false") boolean openOnly) {
		return stands.nearby(lat, lon, limit, openOnly);
	}

	@Operation(summary = "One stand's public details (public)")
	@GetMapping("/api/v1/stands/{id}")
	PublicStand one(@PathVariable long id) {
		var stand = stands.find(id).filter(Stand::active).orElseThrow(() -> Problem.notFound("Stand", id));
		var now = clock.instant();
		var open = stand.openForCustomers() ? stand.hours().openPeriod(now, business.zone())
				: java.util.Optional.<OpeningHours.Period>empty();
		return new PublicStand(stand.id(), stand.name(), stand.placeName(), stand.latitude(), stand.longitude(),
				open.isPresent(), open.map(OpeningHours.Period::closes).orElse(null),
				stand.hours().nextOpening(now, business.zone()).orElse(null), stand.hours());
	}

	@Operation(summary = "All stands with phone, settings and operators (owner, manager, driver)")
	@GetMapping("/api/v1/stands")
	List<StaffStand> all() {
		return stands.all().stream().map(this::staffView).toList();
	}

	@Operation(summary = "Create a stand (owner, manager)")
	@PostMapping("/api/v1/stands")
	@ResponseStatus(HttpStatus.CREATED)
	StaffStand create(@Valid @RequestBody StandForm form) {
		return staffView(stands.create(form.toDetails()));
	}

	@Operation(summary = "Edit a stand; send the version you read to avoid overwriting another edit (owner, manager)")
	@PutMapping("/api/v1/stands/{id}")
	StaffStand update(@PathVariable long id, @Valid @RequestBody StandForm form) {
		return staffView(stands.update(id, form.toDetails(), form.version()));
	}

	@Operation(summary = "Move a stand (owner, manager, or the stand's own operator)")
	@PutMapping("/api/v1/stands/{id}/location")
	StaffStand move(@PathVariable long id, @Valid @RequestBody Location location) {
		return staffView(stands.moveTo(id, location.latitude(), location.longitude(), location.placeName()));
	}

	@Operation(summary = "Archive a stand: it disappears from customers' lists (owner)")
	@PostMapping("/api/v1/stands/{id}/archive")
	StaffStand archive(@PathVariable long id) {
		return staffView(stands.setActive(id, false));
	}

	@Operation(summary = "Bring an archived stand back (owner)")
	@PostMapping("/api/v1/stands/{id}/restore")
	StaffStand restore(@PathVariable long id) {
		return staffView(stands.setActive(id, true));
	}

	@Operation(summary = "Bind an operator account to this stand (owner)")
	@PutMapping("/api/v1/stands/{id}/operators/{userId}")
	StaffStand assign(@PathVariable long id, @PathVariable long userId) {
		if (!stands.exists(id)) {
			throw Problem.notFound("Stand", id);
		}
		users.assignStand(userId, id);
		return staffView(stands.find(id).orElseThrow());
	}

	@Operation(summary = "Unbind an operator from this stand (owner)")
	@DeleteMapping("/api/v1/stands/{id}/operators/{userId}")
	StaffStand unassign(@PathVariable long id, @PathVariable long userId) {
		var account = users.find(userId).orElseThrow(() -> Problem.notFound("User", userId));
		if (account.standId() == null || account.standId() != id) {
			throw Problem.conflict("User " + userId + " is not an operator of stand " + id);
		}
		users.assignStand(userId, null);
		return staffView(stands.find(id).orElseThrow());
	}

	private StaffStand staffView(Stand s) {
		var seen = presence.lastSeen(s.id());
		return new StaffStand(s.id(), s.code(), s.name(), s.placeName(), s.latitude(), s.longitude(), s.phone(),
				s.autoConfirm(), s.active(), s.openForCustomers(), s.version(), s.isOpen(clock.instant(), business.zone()),
				stands.online(s.id()), seen.map(Presence.Seen::at).orElse(null),
				seen.map(Presence.Seen::network).orElse(null), s.hours(), users.operatorsOf(s.id()));
	}
}
