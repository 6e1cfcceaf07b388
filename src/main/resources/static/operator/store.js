/**
 * The app's state in memory, read by every screen: the registered device, the business settings, the pulled menu,
 * promotions and stand (from IndexedDB), and the projection of the phone's own events. `recordEvent` is the one
 * way to record a fact: it writes the event (db.js), folds it into the projection, tells the screens and asks
 * sync to push. A full disk stops sales with a visible alarm instead of losing one.
 */
import * as db from './db.js';
import { build, apply, lastClosedShift } from './projections.js';
import { recorded } from './sync.js';

const KEEP_DAYS = 3;

export const app = {
	device: null, // {deviceId, deviceToken, standId, standName, user}
	settings: { zone: 'Europe/Warsaw', currency: 'PLN' },
	menu: null,
	promotions: null,
	stand: null,
	stock: null, // the pulled stock part {levels, lastManualUpdate, stale, alerts}
	projection: build([]),
	storageFull: false,
	lastFix: null, // the last geolocation fix {latitude, longitude, accuracyMeters}
};

const listeners = new Set();

/** Calls `fn(what)` on every change ('events', 'pull', 'alarm'); returns the unsubscribe function. */
export function subscribe(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

export function notify(what) {
	for (const fn of listeners) fn(what);
}

/** Loads everything the phone holds; call once at start. */
export async function load() {
	const [meta, state, events] = await Promise.all([db.getMetas(['device', 'settings']), db.getState(), db.allEvents()]);
	app.device = meta.device ?? null;
	if (meta.settings) app.settings = { ...app.settings, ...meta.settings };
	Object.assign(app, state);
	app.projection = build(events);
	prune();
}

/** Drops synced events older than a few days, keeping those of the open or last closed shift. */
function prune() {
	const keepShifts = new Set([app.projection.shift?.shiftId, lastClosedShift(app.projection)?.shiftId].filter(Boolean));
	const before = new Date(Date.now() - KEEP_DAYS * 86_400_000).toISOString();
	db.pruneSynced(before, (e) => keepShifts.has(e.payload?.shiftId)
		|| keepShifts.has(app.projection.sales.get(e.payload?.saleId)?.shiftId)).catch(() => {});
}

/** Reloads the pulled parts after sync stored a pull. */
export async function reloadState() {
	Object.assign(app, await db.getState());
	notify('pull');
}

/** Where the stand is: the last fix, else the last move, else the server's stand; null when unknown. */
export function position() {
	if (app.lastFix) return app.lastFix;
	const place = app.projection.standPlace ?? app.stand;
	if (place && Number.isFinite(place.latitude) && Number.isFinite(place.longitude)) {
		return { latitude: place.latitude, longitude: place.longitude, accuracyMeters: null };
	}
	return null;
}

/** Records one fact; rejects with db.StorageFullError (and raises the alarm) when storage is full. */
export async function recordEvent(type, payload, local) {
	if (app.storageFull) throw new db.StorageFullError();
	let event;
	try {
		event = await db.record(type, payload, position(), local);
	} catch (e) {
		if (e instanceof db.StorageFullError) {
			app.storageFull = true;
			notify('alarm');
		}
		throw e;
	}
	apply(app.projection, event);
	recorded();
	notify('events');
	return event;
}

/** Lets the operator try again after freeing space. */
export function clearAlarm() {
	app.storageFull = false;
	notify('alarm');
}
