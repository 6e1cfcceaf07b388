package com.diggety.identity;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The owner's user management: create operators, drivers and managers, reset passwords, disable accounts; and the
 * audit log for owner and managers. Binding an operator to a stand lives with the stands.
 */
@RestController
@Tag(name = "Identity")
class Staff {

	record NewUser(@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
			@NotBlank @Size(max = 120) String displayName, @NotNull Role role,
			@NotBlank @Size(min = 10, max = 200) String password) {
	}

	record NewPassword(@NotBlank @Size(min = 10, max = 200) String password) {
	}

	private final Users users;
	private final AuditTrail audit;

	Staff(Users users, AuditTrail audit) {
		this.users = users;
		this.audit = audit;
	}

	@Operation(summary = "All accounts (owner)")
	@GetMapping("/api/v1/users")
	List<Users.Account> all() {
		return users.all();
	}

	@Operation(summary = "Create a staff account (owner)")
	@PostMapping("/api/v1/users")
	@ResponseStatus(HttpStatus.CREATED)
	Users.Account create(@Valid @RequestBody NewUser user) {
		if (user.role() == Role.OWNER || user.role() == Role.CUSTOMER) {
			throw Problem.invalid("role", "the owner creates managers, operators and drivers here");
		}
		return users.create(user.username(), user.displayName(), user.role(), user.password());
	}

	@Operation(summary = "Set a new password; the account's existing tokens stop working (owner)")
	@PostMapping("/api/v1/users/{id}/password")
	Users.Account resetPassword(@PathVariable long id, @Valid @RequestBody NewPassword password) {
		return users.resetPassword(id, password.password());
	}

	@Operation(summary = "Disable an account; its tokens stop working at once (owner)")
	@PostMapping("/api/v1/users/{id}/disable")
	Users.Account disable(@PathVariable long id) {
		return users.setActive(id, false);
	}

	@Operation(summary = "Enable a disabled account (owner)")
	@PostMapping("/api/v1/users/{id}/enable")
	Users.Account enable(@PathVariable long id) {
		return users.setActive(id, true);
	}

	@Operation(summary = "The latest audited staff changes, newest first (owner, manager)")
	@GetMapping("/api/v1/audit")
	List<AuditTrail.Entry> audit(@RequestParam(defaultValue = "100") @jakarta.validation.constraints.Min(1)
			@jakarta.validation.constraints.Max(1000) int limit, @RequestParam(required = false) String subjectType) {
		return audit.latest(limit, subjectType);
	}
}
