/**
 * What the driver's phone keeps between starts, in localStorage: the last task list, alerts, stand and ingredient
 * names, and deliveries waiting for the network. Small JSON documents, each stamped with when it was loaded, so a
 * phone with no network shows what it last knew and says how old it is.
 */
const PREFIX = 'diggety.staff.';

export function read(name, fallback = null) {
	try {
		const text = localStorage.getItem(PREFIX + name);
		return text === null ? fallback : JSON.parse(text);
	} catch {
		return fallback;
	}
}

export function write(name, value) {
	try {
		localStorage.setItem(PREFIX + name, JSON.stringify(value));
	} catch {
		// storage full or refused: the screen still shows the data, it just will not survive a restart
	}
}
