/**
 * The phone's event store on IndexedDB: every fact is written here first and synced later (sync.js).
 *
 * - `events` (keyPath `sequence`): {id (UUID v7), sequence, type, occurredAt, position, payload, synced}. The
 *   sequence is allocated in the same readwrite transaction that stores the event, so there is never a gap.
 * - `meta` (key/value): device credentials, nextSequence, syncedThrough, sequenceBase, cursor, lastSyncAt,
 *   clockSkewMillis, settings.
 * - `state` (key/value): the parts of the pull (menu, promotions, stand, stock), stored with the cursor in one transaction.
 *
 * Every function opens its own short transaction and awaits only IndexedDB inside it: never the network.
 * Schema changes only ever add stores, so an app update keeps the queue.
 */
const DB_NAME = 'diggety-operator';
const DB_VERSION = 1;
const STRICT = { durability: 'strict' };
const PARTS = ['menu', 'promotions', 'stand', 'stock'];

/** The write failed because the phone's storage is full: the sale was NOT recorded. */
export class StorageFullError extends Error {
	constructor(cause) {
		super('storage full');
		this.name = 'StorageFullError';
		this.cause = cause;
	}
}

let dbPromise;

/** The open database (opened once per page). */
export function openDb() {
	dbPromise ??= new Promise((resolve, reject) => {
		const request = indexedDB.open(DB_NAME, DB_VERSION);
		request.onupgradeneeded = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains('events')) db.createObjectStore('events', { keyPath: 'sequence' });
			if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
			if (!db.objectStoreNames.contains('state')) db.createObjectStore('state');
		};
		request.onsuccess = () => {
			const db = request.result;
			// another tab (a newer app version) wants to upgrade: let it, and reload this one onto it
			db.onversionchange = () => {
				db.close();
				dbPromise = undefined;
			};
			resolve(db);
		};
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('database upgrade blocked by another tab'));
	});
	return dbPromise;
}

const done = (tx) => new Promise((resolve, reject) => {
	tx.oncomplete = () => resolve();
	tx.onerror = () => reject(tx.error);
	tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
});
const result = (request) => new Promise((resolve, reject) => {
	request.onsuccess = () => resolve(request.result);
	request.onerror = () => reject(request.error);
});
const isQuota = (e) => e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';

/** A UUID version 7: 48-bit Unix milliseconds, version 7, RFC 4122 variant, 74 random bits. */
export function uuidv7(now = Date.now()) {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let ms = now;
	for (let i = 5; i >= 0; i--) {
		bytes[i] = ms % 256;
		ms = Math.floor(ms / 256);
	}
	bytes[6] = (bytes[6] & 0x0f) | 0x70;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Records one fact: allocates the next sequence and stores the event in one strict readwrite transaction, and
 * resolves once it is durable. Throws StorageFullError when the phone is out of space (nothing is stored).
 */
export async function record(type, payload, position = null, local = undefined) {
	const db = await openDb();
	const event = {
		id: uuidv7(), sequence: 0, type, occurredAt: new Date().toISOString(), position, payload, synced: false,
	};
	// what only this phone needs (product names for its receipts); never pushed
	if (local) event.local = local;
	let tx;
	try {
		tx = db.transaction(['events', 'meta'], 'readwrite', STRICT);
	} catch (e) {
		if (isQuota(e)) throw new StorageFullError(e);
		throw e;
	}
	const meta = tx.objectStore('meta');
	meta.get('nextSequence').onsuccess = (e) => {
		event.sequence = e.target.result ?? 1;
		tx.objectStore('events').add(event);
		meta.put(event.sequence + 1, 'nextSequence');
	};
	try {
		await done(tx);
	} catch (e) {
		if (isQuota(e)) throw new StorageFullError(e);
		throw e;
	}
	return event;
}

/** Every stored event in sequence order (the projections are built from these at start). */
export async function allEvents() {
	const db = await openDb();
	return result(db.transaction('events').objectStore('events').getAll());
}

/** Up to `limit` events with a sequence above `after`, in sequence order. */
export async function eventsAfter(after, limit) {
	const db = await openDb();
	return result(db.transaction('events').objectStore('events').getAll(IDBKeyRange.lowerBound(after, true), limit));
}

/** One meta value. */
export async function getMeta(key) {
	const db = await openDb();
	return result(db.transaction('meta').objectStore('meta').get(key));
}

/** Several meta values as an object. */
export async function getMetas(keys) {
	const db = await openDb();
	const store = db.transaction('meta').objectStore('meta');
	const values = await Promise.all(keys.map((k) => result(store.get(k))));
	return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

/** Stores meta values from an object, in one transaction. */
export async function setMetas(values) {
	const db = await openDb();
	const tx = db.transaction('meta', 'readwrite', STRICT);
	for (const [key, value] of Object.entries(values)) tx.objectStore('meta').put(value, key);
	return done(tx);
}

/** The pulled state: {menu, promotions, stand, stock} (each null until pulled). */
export async function getState() {
	const db = await openDb();
	const store = db.transaction('state').objectStore('state');
	const [menu, promotions, stand, stock] = await Promise.all(PARTS.map((k) => result(store.get(k))));
	return { menu: menu ?? null, promotions: promotions ?? null, stand: stand ?? null, stock: stock ?? null };
}

/** Stores each present part of a pull and the new cursor in one transaction. */
export async function savePull(changes) {
	const db = await openDb();
	const tx = db.transaction(['state', 'meta'], 'readwrite', STRICT);
	for (const part of PARTS) {
		if (changes[part] !== null && changes[part] !== undefined) tx.objectStore('state').put(changes[part], part);
	}
	tx.objectStore('meta').put(changes.cursor, 'cursor');
	return done(tx);
}

/**
 * Moves the synced mark to `through` (a local sequence): events up to it get synced:true, events above it (a
 * server that asks to resend from earlier) synced:false again. One transaction.
 */
export async function markSyncedThrough(through, extra = {}) {
	const db = await openDb();
	const tx = db.transaction(['events', 'meta'], 'readwrite', STRICT);
	const meta = tx.objectStore('meta');
	const events = tx.objectStore('events');
	meta.get('syncedThrough').onsuccess = (e) => {
		const before = e.target.result ?? 0;
		if (through !== before) {
			const range = through > before ? IDBKeyRange.bound(before, through, true, false)
				: IDBKeyRange.bound(through, before, true, false);
			const synced = through > before;
			events.openCursor(range).onsuccess = (c) => {
				const cursor = c.target.result;
				if (!cursor) return;
				if (cursor.value.synced !== synced) cursor.update({ ...cursor.value, synced });
				cursor.continue();
			};
		}
		meta.put(through, 'syncedThrough');
		for (const [key, value] of Object.entries(extra)) meta.put(value, key);
	};
	return done(tx);
}

/** Deletes synced events older than `before` (ISO) except those `keep(event)` says to keep. */
export async function pruneSynced(before, keep) {
	const db = await openDb();
	const tx = db.transaction(['events', 'meta'], 'readwrite');
	tx.objectStore('meta').get('syncedThrough').onsuccess = (e) => {
		const through = e.target.result ?? 0;
		if (!through) return;
		tx.objectStore('events').openCursor(IDBKeyRange.upperBound(through)).onsuccess = (c) => {
			const cursor = c.target.result;
			if (!cursor) return;
			if (cursor.value.occurredAt < before && !keep(cursor.value)) cursor.delete();
			cursor.continue();
		};
	};
	return done(tx);
}

/** Asks the browser once to keep this origin's storage under pressure; remembers the answer. */
export async function askPersistence() {
	if (!navigator.storage?.persist) return false;
	const asked = await getMeta('persistAsked');
	if (asked !== undefined) return asked;
	let granted = false;
	try {
		granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	} catch {
		granted = false;
	}
	await setMetas({ persistAsked: granted });
	return granted;
}
