package com.diggety.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The device protocol over HTTP (see docs/sync-protocol.md) and the owner's view of devices and poison events. */
@RestController
@Tag(name = "Sync")
class SyncEndpoints {

	record NewDevice(@Size(max = 120) String name, @Size(max = 300) String platform) {
	}

	record Push(Instant deviceClock, @NotNull @Size(max = 500) List<@Valid @NotNull DeviceEvent> events) {
	}

	private final Devices devices;
	private final Ingest ingest;
	private final ChangeFeed feed;

	SyncEndpoints(Devices devices, Ingest ingest, ChangeFeed feed) {
		this.devices = devices;
		this.ingest = ingest;
		this.feed = feed;
	}

	@Operation(summary = "Register this phone as a device of the operator's stand; answers a device token, shown once (operator)")
	@PostMapping("/api/v1/devices")
	@ResponseStatus(HttpStatus.CREATED)
	Devices.Registration register(@Valid @RequestBody NewDevice device) {
		return devices.register(device.name(), device.platform());
	}

	@Operation(summary = "A fresh token for an already registered phone of the operator's stand (operator)")
	@PostMapping("/api/v1/devices/{deviceId}/token")
	Devices.Registration reissue(@PathVariable UUID deviceId) {
		return devices.reissue(deviceId);
	}

	@Operation(summary = "Registered devices, optionally of one stand (owner, manager)")
	@GetMapping("/api/v1/devices")
	List<Device> list(@RequestParam(required = false) Long standId) {
		return devices.all(standId);
	}

	@Operation(summary = "Revoke a device: its token stops working at once (owner, manager)")
	@PostMapping("/api/v1/devices/{deviceId}/revoke")
	Device revoke(@PathVariable UUID deviceId) {
		return devices.revoke(deviceId);
	}

	@Operation(summary = "Sync push: a batch of device events in sequence order -> highest durable sequence (the device)")
	@PostMapping("/api/v1/devices/{deviceId}/events")
	ResponseEntity<Object> push(@PathVariable UUID deviceId, @Valid @RequestBody Push push) {
		var outcome = ingest.push(deviceId, push.deviceClock(), push.events());
		if (outcome.expectedSequence() != null) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"Events are missing before this batch; send again from sequence " + outcome.expectedSequence());
			problem.setTitle("Sequence gap");
			problem.setProperty("expectedSequence", outcome.expectedSequence());
			problem.setProperty("highestSequence", outcome.highestSequence());
			problem.setProperty("results", outcome.results());
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		return ResponseEntity.ok(outcome);
	}

	@Operation(summary = "Sync pull: what changed for the device's stand since a cursor, each part in full (the device)")
	@GetMapping("/api/v1/devices/{deviceId}/changes")
	ChangeFeed.Changes changes(@PathVariable UUID deviceId, @RequestParam(defaultValue = "0") @Min(0) long since) {
		var caller = Caller.current().orElseThrow();
		if (caller.deviceId() == null || !caller.deviceId().equals(deviceId)) {
			throw Problem.forbidden("This token belongs to another device");
		}
		return feed.since(caller.standId(), since);
	}

	@Operation(summary = "Events that could never apply, with their reasons, newest first (owner, manager)")
	@GetMapping("/api/v1/sync/poison")
	List<Ingest.Poison> poison(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return ingest.poison(limit);
	}

}
