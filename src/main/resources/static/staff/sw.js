/*
 * The driver app's service worker (scope /staff/): precaches exactly the files the shell uses into a versioned
 * cache, serves them cache-first so the app starts with no network, and deletes older caches on activate. The API
 * and the WebSocket are never cached here: the last task list and alerts are saved by the app itself (saved.js),
 * with the time they were loaded, so the driver sees how old they are. Push messages become notifications
 * (common/push-worker.js, shared with the customer app's worker).
 *
 * Bump VERSION whenever a file below changes, or phones keep the old shell.
 */
importScripts('/common/push-worker.js');

const VERSION = 3;
const PREFIX = 'diggety-staff-';
const CACHE = `${PREFIX}v${VERSION}`;
const SHELL = '/staff/';
const PRECACHE = [
	SHELL,
	'/staff/manifest.webmanifest',
	'/staff/staff.css',
	'/staff/staff.js',
	'/staff/live.js',
	'/staff/saved.js',
	'/staff/directory.js',
	'/staff/deliveries.js',
	'/staff/alerts.js',
	'/staff/push.js',
	'/staff/tasks.js',
	'/staff/stands.js',
	'/common/style.css',
	'/common/dom.js',
	'/common/i18n.js',
	'/common/api.js',
	'/common/format.js',
	'/common/forms.js',
	'/common/login.js',
	'/common/shell.js',
	'/common/push.js',
	'/common/push-worker.js',
	'/i18n/en.json',
	'/i18n/pl.json',
	'/icons/diggety.svg',
	'/icons/diggety-maskable.svg',
];

self.addEventListener('install', (event) => {
	event.waitUntil((async () => {
		const cache = await caches.open(CACHE);
		// bypass the HTTP cache so a new version never stores an old file
		await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
		await self.skipWaiting();
	})());
});

self.addEventListener('activate', (event) => {
	event.waitUntil((async () => {
		const names = await caches.keys();
		await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
		await self.clients.claim();
	})());
});

self.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/ws') return;
	if (request.mode === 'navigate' && (url.pathname === SHELL || url.pathname === `${SHELL}index.html`)) {
		event.respondWith(fromCache(SHELL, request));
		return;
	}
	event.respondWith(fromCache(request, request));
});

/** Cache first; the network for what the shell does not hold; the cached shell for a navigation that fails. */
async function fromCache(key, request) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(key, { ignoreSearch: key === SHELL });
	if (hit) return hit;
	try {
		return await fetch(request);
	} catch (e) {
		if (request.mode === 'navigate') {
			const shell = await cache.match(SHELL);
			if (shell) return shell;
		}
		throw e;
	}
}

/** A low-stock alert from the server while the app may be closed: show it; a tap opens the alerts. */
showPushMessages({ fallbackUrl: '/staff/#/alerts', isAppPage: (url) => url.pathname.startsWith('/staff/') });
