/**
 * JSON over HTTP to /api/v1. Each app configures where its bearer token lives (storage and key) and what to do on
 * a 401 for a request that carried a token (show the login again). Failures throw an ApiError carrying the RFC 9457
 * problem document; a network failure is an ApiError with status 0.
 */
const state = { storage: sessionStorage, storageKey: 'diggety.token', onUnauthorized: null };

export function configureApi({ storage, storageKey, onUnauthorized } = {}) {
	if (storage) state.storage = storage;
	if (storageKey) state.storageKey = storageKey;
	if (onUnauthorized !== undefined) state.onUnauthorized = onUnauthorized;
}

export function getToken() {
	return state.storage.getItem(state.storageKey);
}

export function setToken(token) {
	state.storage.setItem(state.storageKey, token);
}

export function clearToken() {
	state.storage.removeItem(state.storageKey);
}

export class ApiError extends Error {
	constructor(status, problem) {
		super(problem?.detail || problem?.title || `HTTP ${status}`);
		this.name = 'ApiError';
		this.status = status;
		this.problem = problem ?? {};
	}

	/** Per-field messages: [{field, message}]. */
	get errors() {
		return Array.isArray(this.problem.errors) ? this.problem.errors : [];
	}
}

export async function api(path, { method = 'GET', body, token, signal } = {}) {
	const bearer = token === undefined ? getToken() : token;
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (bearer) headers.Authorization = `Bearer ${bearer}`;
	let response;
	try {
		response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
	} catch (e) {
		if (e.name === 'AbortError') throw e;
		throw new ApiError(0, { title: 'network', detail: null });
	}
	if (response.status === 204) return null;
	const text = await response.text();
	let data = null;
	if (text) {
		try {
			data = JSON.parse(text);
		} catch {
			data = null;
		}
	}
	if (!response.ok) {
		const problem = data && typeof data === 'object' ? data : { status: response.status };
		const retryAfter = response.headers.get('Retry-After');
		if (retryAfter && problem.retryAfterSeconds === undefined) problem.retryAfterSeconds = Number(retryAfter);
		const error = new ApiError(response.status, problem);
		if (response.status === 401 && bearer) {
			clearToken();
			state.onUnauthorized?.(error);
		}
		throw error;
	}
	return data;
}

/** What the apps assume when /api/v1/settings cannot be read: the business defaults, no map tiles. */
export const DEFAULT_SETTINGS = Object.freeze({ zone: 'Europe/Warsaw', currency: 'PLN', tileUrl: '', tileAttribution: '' });

let settingsPromise;
/** {zone, currency, tileUrl, tileAttribution}: fetched once per page; the defaults when the server is unreachable. */
export function loadSettings() {
	settingsPromise ??= api('/api/v1/settings', { token: null })
		.then((s) => ({ ...DEFAULT_SETTINGS, ...s }))
		.catch(() => {
			settingsPromise = undefined;
			return { ...DEFAULT_SETTINGS };
		});
	return settingsPromise;
}
