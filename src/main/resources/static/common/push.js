/**
 * Web Push in the page, for the apps that offer it (drivers: their account's alerts; customers: one order's news):
 * whether this browser can do it at all, the browser's subscription for the app's service worker, and making one
 * with the server's VAPID key once the person agreed. Where the server keeps it is the app's business; failures
 * are a PushError whose `kind` the app words in its own terms: 'unsupported', 'blocked' or 'service' (the browser's
 * push service refused, e.g. a browser without one).
 */
import { api } from './api.js';

export class PushError extends Error {
	constructor(kind, reason) {
		super(reason ?? kind);
		this.name = 'PushError';
		this.kind = kind;
	}
}

export function pushSupported() {
	return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The VAPID key as the browser wants it: base64url text to bytes. */
export function keyBytes(base64url) {
	const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
	const raw = atob(base64);
	return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The browser's state before any subscription: 'unsupported', 'blocked' or 'allowed' (asked or not yet). */
export function pushPermission() {
	if (!pushSupported()) return 'unsupported';
	return Notification.permission === 'denied' ? 'blocked' : 'allowed';
}

/** The push subscription of the service worker registered for `scope`, or null. */
export async function currentSubscription(scope) {
	if (!pushSupported()) return null;
	const reg = await navigator.serviceWorker.getRegistration(scope);
	return reg ? reg.pushManager.getSubscription() : null;
}

/**
 * Asks for permission and subscribes the worker of `scope` (or the ready one) with the server's key; answers
 * {endpoint, keys} as the server's endpoints take it. An ApiError when the server has push off.
 */
export async function subscribeBrowser(scope) {
	if (!pushSupported()) throw new PushError('unsupported');
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') throw new PushError('blocked');
	const reg = (await navigator.serviceWorker.getRegistration(scope)) ?? (await navigator.serviceWorker.ready);
	const { publicKey } = await api('/api/v1/push/key', { token: null });
	let sub;
	try {
		// the same key again answers the browser's existing subscription
		sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
	} catch (e) {
		throw new PushError('service', e?.message ?? String(e));
	}
	const { endpoint, keys } = sub.toJSON();
	return { endpoint, keys };
}
