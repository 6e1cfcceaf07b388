/*
 * The operator app's service worker (scope /operator/): precaches exactly the files the shell uses into a
 * versioned cache, serves them cache-first (so the app starts with no network, after a reload or a browser
 * restart), and deletes older caches on activate. API calls and the WebSocket are never cached here: the data
 * lives in IndexedDB (db.js), which an update of this worker never touches.
 *
 * Bump VERSION whenever a file below changes, or phones keep the old shell.
 */
const VERSION = 1;
const CACHE = `diggety-operator-v${VERSION}`;
const SHELL = '/operator/';
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
	'/operator/pricing.js',
	'/operator/receipt.js',
	'/operator/today.js',
	'/operator/shift.js',
	'/operator/stand.js',
	'/operator/figures.js',
	'/operator/promotions.js',
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
	'/common/promotion-form.js',
	'/common/promotion-text.js',
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
		await Promise.all(names.filter((n) => n.startsWith('diggety-operator-') && n !== CACHE).map((n) => caches.delete(n)));
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
