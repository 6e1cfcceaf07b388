/*
 * The operator app's service worker (scope /operator/): precaches exactly the files the shell uses into a
 * versioned cache, serves them cache-first (so the app starts with no network, after a reload or a browser
 * restart), and deletes older caches on activate. API calls and the WebSocket are never cached here: the data
 * lives in IndexedDB (db.js), which an update of this worker never touches.
 *
 * "My promotions" (promotions.js and its form) is left out: it works only online anyway, and the shell stays small.
 * Bump VERSION whenever a file below changes, or phones keep the old shell.
 */
const VERSION = 7;
const CACHE = `diggety-operator-v${VERSION}`;
const SHELL = '/operator/';
// both languages, stored when the signed-in app asks (message "warm"), so the login page's first load stays small
const MESSAGES = ['/i18n/en.json', '/i18n/pl.json'];
// also stored on "warm": the QR decoder camera.js loads when a scan starts in a browser without BarcodeDetector
// (10 KB compressed, more than the login page's first load has to spare), so that scanning works offline too
const LATER = [...MESSAGES, '/common/qr-read.js'];
const PRECACHE = [
	SHELL,
	'/operator/manifest.webmanifest',
	'/operator/operator.css',
	'/operator/operator.js',
	'/operator/db.js',
	'/operator/store.js',
	'/operator/projections.js',
	'/operator/sync.js',
	'/operator/statusbar.js',
	'/operator/register.js',
	'/operator/sell.js',
	'/operator/orders.js',
	'/operator/camera.js',
	'/operator/pricing.js',
	'/operator/receipt.js',
	'/operator/today.js',
	'/operator/shift.js',
	'/operator/stand.js',
	'/operator/stock.js',
	'/operator/figures.js',
	'/common/style.css',
	'/common/receipt.css',
	'/common/dom.js',
	'/common/i18n.js',
	'/common/api.js',
	'/common/format.js',
	'/common/forms.js',
	'/common/login.js',
	'/common/shell.js',
	'/common/qr.js',
	'/common/receipt-view.js',
	'/icons/diggety.svg',
	'/icons/diggety-maskable.svg',
];

self.addEventListener('install', (event) => {
	event.waitUntil((async () => {
		// an update of a phone already in use takes the languages along at once
		const updating = (await caches.keys()).some((n) => n.startsWith('diggety-operator-') && n !== CACHE);
		const cache = await caches.open(CACHE);
		// revalidate with the server (a 304 when the page just loaded the same file) so a new version never
		// stores an old file and the first visit does not download the shell twice
		await cache.addAll((updating ? [...PRECACHE, ...LATER] : PRECACHE).map((url) => new Request(url, { cache: 'no-cache' })));
		await self.skipWaiting();
	})());
});

self.addEventListener('activate', (event) => {
	event.waitUntil((async () => {
		const names = await caches.keys();
		await Promise.all(names.filter((n) => n.startsWith('diggety-operator-') && n !== CACHE).map((n) => caches.delete(n)));
		await self.clients.claim();
	})());
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'warm') {
		event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(LATER.map((url) => new Request(url, { cache: 'no-cache' })))));
	}
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
	if (MESSAGES.includes(url.pathname)) {
		event.respondWith(messages(request));
		return;
	}
	event.respondWith(fromCache(request, request));
});

/** The language files: cached first, else fetched and kept (they are part of the shell once seen). */
async function messages(request) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(request, { ignoreSearch: true });
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(new URL(request.url).pathname, response.clone());
	return response;
}

/** Cache first; the network for what the shell does not hold; the cached shell when that fails too. */
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
