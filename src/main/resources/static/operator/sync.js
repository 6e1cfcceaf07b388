/**
 * Sync, a background concern (docs/sync-protocol.md): push the unsynced events in sequence order, pull the stand's
 * changes, and keep the presence WebSocket. Like workbox's Queue: the events are already stored, a failure leaves
 * them where they are, and the next attempt replays them in order (the server acknowledges replays).
 *
 * Runs on app start, on `online`, after each new event and every 30 s; failures back off exponentially with full
 * jitter up to 60 s (honouring Retry-After). One tab at a time (Web Locks). No fetch ever runs inside an
 * IndexedDB transaction: db.js calls are awaited before and after each request.
 */
import * as db from './db.js';

const BATCH = 200;
const BASE_DELAY = 1000;
const MAX_DELAY = 60_000;
const PERIOD = 30_000;
const HEARTBEAT = 20_000;
const TIMEOUT = 15_000;

const status = {
	online: navigator.onLine, // navigator.onLine and the result of the last request
	reachable: null, // the last request reached the server (null: none yet)
	pending: 0,
	syncedThrough: 0, // the local sequence up to which everything is on the server
	lastSyncAt: null,
	clockSkewMillis: null,
	syncing: false,
	poisoned: 0,
	problem: null, // 'revoked' | 'rejected' | null
};
const listeners = new Set();
const liveListeners = new Set();
let device = null;
let hooks = {};
let running = false;
let again = false;
let attempt = 0;
let retryTimer = null;
let nextAttemptAt = 0;
let batchSize = BATCH;
let started = false;

/** Calls `fn(status)` now and on every change; returns the unsubscribe function. */
export function onStatus(fn) {
	listeners.add(fn);
	fn(status);
	return () => listeners.delete(fn);
}

export const syncStatus = () => status;

function changed(values) {
	Object.assign(status, values);
	status.online = navigator.onLine && status.reachable !== false;
	for (const fn of listeners) fn(status);
}

async function refreshPending() {
	const m = await db.getMetas(['nextSequence', 'syncedThrough', 'lastSyncAt', 'clockSkewMillis']);
	changed({
		pending: Math.max(0, (m.nextSequence ?? 1) - 1 - (m.syncedThrough ?? 0)),
		syncedThrough: m.syncedThrough ?? 0,
		lastSyncAt: m.lastSyncAt ?? null,
		clockSkewMillis: m.clockSkewMillis ?? null,
	});
}

class Transient extends Error {
	constructor(message, retryAfterSeconds) {
		super(message);
		this.retryAfterSeconds = retryAfterSeconds;
	}
}
class Stop extends Error {}

async function request(method, path, body) {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), TIMEOUT);
	let response;
	try {
		response = await fetch(path, {
			method,
			headers: {
				Accept: 'application/json, application/problem+json',
				Authorization: `Bearer ${device.deviceToken}`,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: controller.signal,
			cache: 'no-store',
		});
	} catch (e) {
		changed({ reachable: false });
		throw new Transient(`network: ${e.message}`);
	} finally {
		clearTimeout(timer);
	}
	changed({ reachable: true });
	let data = null;
	try {
		data = await response.json();
	} catch {
		data = null;
	}
	if (response.status === 401 || response.status === 403) {
		changed({ problem: 'revoked' });
		hooks.onRevoked?.(response.status);
		throw new Stop(`HTTP ${response.status}`);
	}
	if (response.status === 429 || response.status >= 500 || response.status === 404) {
		throw new Transient(`HTTP ${response.status}`, Number(response.headers.get('Retry-After')) || undefined);
	}
	return { status: response.status, data };
}

/** Pushes every unsynced event, batch by batch, in sequence order. */
async function push() {
	for (;;) {
		const m = await db.getMetas(['syncedThrough', 'sequenceBase']);
		const through = m.syncedThrough ?? 0;
		const base = m.sequenceBase ?? 0;
		const batch = await db.eventsAfter(through, batchSize);
		if (!batch.length) return;
		const body = {
			deviceClock: new Date().toISOString(),
			events: batch.map((e) => ({
				id: e.id, sequence: e.sequence - base, type: e.type, occurredAt: e.occurredAt, position: e.position ?? null, payload: e.payload,
			})),
		};
		const sentAt = Date.now();
		const { status: code, data } = await request('POST', `/api/v1/devices/${device.deviceId}/events`, body);
		if (code === 200 && data && Number.isInteger(data.highestSequence)) {
			const last = batch[batch.length - 1].sequence;
			const next = Math.min(data.highestSequence + base, last);
			const poisoned = (data.results ?? []).filter((r) => r.status === 'POISON').length;
			const extra = { lastPushAt: new Date().toISOString() };
			if (Number.isFinite(data.clockSkewMillis)) extra.clockSkewMillis = data.clockSkewMillis;
			else if (data.serverTime) extra.clockSkewMillis = sentAt - Date.parse(data.serverTime);
			await db.markSyncedThrough(Math.max(next, through), extra);
			batchSize = BATCH;
			changed({ poisoned: status.poisoned + poisoned, problem: null });
			await refreshPending();
			if (next <= through) throw new Transient('server did not advance the mark');
		} else if (code === 409 && Number.isInteger(data?.expectedSequence)) {
			// the server has everything before expectedSequence: resend from there
			await db.markSyncedThrough(Math.max(0, data.expectedSequence - 1 + base));
			await refreshPending();
		} else if (code === 413 && batchSize > 1) {
			batchSize = Math.max(1, Math.floor(batchSize / 2));
		} else {
			changed({ problem: 'rejected' });
			throw new Transient(`push refused: HTTP ${code}`);
		}
	}
}

/** Pulls the stand's changes since the stored cursor and stores them with the new cursor. */
async function pull() {
	const cursor = (await db.getMeta('cursor')) ?? 0;
	const { status: code, data } = await request('GET', `/api/v1/devices/${device.deviceId}/changes?since=${encodeURIComponent(cursor)}`);
	if (code !== 200 || !data || data.cursor === undefined) throw new Transient(`pull: HTTP ${code}`);
	await db.savePull(data);
	if (data.menu || data.promotions || data.stand || data.stock) hooks.onChanges?.(data);
}

async function cycle() {
	changed({ syncing: true });
	try {
		await push();
		await pull();
		const lastSyncAt = new Date().toISOString();
		await db.setMetas({ lastSyncAt });
		changed({ lastSyncAt });
	} finally {
		changed({ syncing: false });
	}
}

/** Runs one sync now (or right after the one in progress). */
export async function syncNow() {
	if (!device) return;
	if (running) {
		again = true;
		return;
	}
	running = true;
	clearTimeout(retryTimer);
	retryTimer = null;
	try {
		do {
			again = false;
			await (navigator.locks ? navigator.locks.request('diggety-operator-sync', cycle) : cycle());
		} while (again);
		attempt = 0;
		nextAttemptAt = 0;
	} catch (e) {
		if (e instanceof Stop) return;
		attempt += 1;
		// full jitter: anywhere between 0 and the exponential ceiling
		let delay = Math.random() * Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
		if (e.retryAfterSeconds) delay = Math.max(delay, e.retryAfterSeconds * 1000);
		nextAttemptAt = Date.now() + delay;
		retryTimer = setTimeout(syncNow, delay);
	} finally {
		running = false;
	}
}

/** A sync unless a back-off is in force or the phone knows it is offline (new events, the 30 s tick). */
export function schedule() {
	if (navigator.onLine && Date.now() >= nextAttemptAt) syncNow();
}

/** A new event was stored: count it and push soon, once the screen has shown the result. */
export function recorded() {
	changed({ pending: status.pending + 1 });
	setTimeout(schedule, 100);
}

// ---------------------------------------------------------------- presence

/**
 * Calls `fn(message)` for every message the live channel brings (the orders tab listens for `order-new` and
 * `order`); returns the unsubscribe function. One socket serves presence, sync nudges and orders.
 */
export function onLive(fn) {
	liveListeners.add(fn);
	return () => liveListeners.delete(fn);
}

/** True while the live channel is open (the orders tab polls less then). */
export const liveConnected = () => ws?.readyState === WebSocket.OPEN;

let ws = null;
let wsTimer = null;
let wsAttempt = 0;
let heartbeat = null;

function connect() {
	clearTimeout(wsTimer);
	if (ws || !device || !navigator.onLine || status.problem === 'revoked' || typeof WebSocket === 'undefined') return;
	const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(device.deviceToken)}`;
	let socket;
	try {
		socket = new WebSocket(url);
	} catch {
		return;
	}
	ws = socket;
	const beat = () => {
		if (socket.readyState === WebSocket.OPEN) {
			socket.send(JSON.stringify({ type: 'heartbeat', network: navigator.connection?.effectiveType ?? 'unknown' }));
		}
	};
	socket.onopen = () => {
		wsAttempt = 0;
		beat();
		heartbeat = setInterval(beat, HEARTBEAT);
	};
	socket.onmessage = (m) => {
		let message;
		try {
			message = JSON.parse(m.data);
		} catch {
			return;
		}
		if (message?.type === 'changes') syncNow();
		for (const fn of liveListeners) {
			try {
				fn(message);
			} catch (e) {
				console.warn('live listener', e);
			}
		}
	};
	socket.onclose = () => {
		clearInterval(heartbeat);
		if (ws === socket) ws = null;
		if (navigator.onLine && device) {
			wsAttempt += 1;
			wsTimer = setTimeout(connect, Math.random() * Math.min(MAX_DELAY, BASE_DELAY * 2 ** wsAttempt));
		}
	};
}

function disconnect() {
	clearTimeout(wsTimer);
	clearInterval(heartbeat);
	const socket = ws;
	ws = null;
	socket?.close();
}

// ---------------------------------------------------------------- start

/**
 * Starts syncing for a registered device {deviceId, deviceToken}. Hooks: onChanges(changes) after a pull
 * stored something, onRevoked(status) when the server no longer accepts the device token.
 */
export async function startSync(registered, { onChanges, onRevoked } = {}) {
	device = registered;
	hooks = { onChanges, onRevoked };
	changed({ problem: null });
	await refreshPending();
	if (!started) {
		started = true;
		window.addEventListener('online', () => {
			attempt = 0;
			nextAttemptAt = 0;
			changed({ reachable: null });
			syncNow();
			connect();
		});
		window.addEventListener('offline', () => {
			changed({});
			disconnect();
		});
		setInterval(schedule, PERIOD);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') schedule();
		});
	}
	syncNow();
	connect();
}

/** Stops talking to the server (the device was revoked); the stored events stay. */
export function stopSync() {
	device = null;
	disconnect();
	clearTimeout(retryTimer);
}
