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

/** Sends a request with the bearer token; throws an ApiError for a network failure or a non-2xx answer. */
async function send(path, { method = 'GET', body, token, signal, headers: extra, accept = 'application/json, application/problem+json' } = {}) {
	const bearer = token === undefined ? getToken() : token;
	// extra headers: a guest's X-Order-Key, which stands in for a token on that one order
	const headers = { Accept: accept, ...extra };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (bearer) headers.Authorization = `Bearer ${bearer}`;
	let response;
	try {
		response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
	} catch (e) {
		if (e.name === 'AbortError') throw e;
		throw new ApiError(0, { title: 'network', detail: null });
	}
	if (!response.ok) {
		const text = await response.text();
		let data = null;
		try {
			data = text ? JSON.parse(text) : null;
		} catch {
			data = null;
		}
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
	return response;
}

export async function api(path, options = {}) {
	const response = await send(path, options);
	if (response.status === 204) return null;
	const text = await response.text();
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * A file the API answers (a CSV export) as {blob, filename}, fetched with the bearer token: a plain link cannot
 * carry the Authorization header. The name comes from Content-Disposition, else `fallbackName`.
 */
export async function apiFile(path, { fallbackName = 'download', signal } = {}) {
	const response = await send(path, { accept: '*/*', signal });
	const disposition = response.headers.get('Content-Disposition') ?? '';
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
	return { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : fallbackName };
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
