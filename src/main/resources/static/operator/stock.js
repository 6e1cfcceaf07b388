/**
 * #/stock: the stand's stock levels from the pulled `stock` part (docs/sync-protocol.md), and three actions per
 * ingredient that work offline like sales (events through store.js): a delivery (STOCK_DELIVERED), a count of
 * what is there now (STOCK_COUNTED) and waste with its reason (STOCK_WASTED). The ingredient is picked from a
 * searchable list or by scanning its code label with the camera (any format BarcodeDetector knows; where the
 * browser has none, QR code labels only, read by common/qr-read.js).
 *
 * The pulled menu carries no recipes, so the phone cannot subtract its own unsynced sales: the levels are the
 * server's as of the last sync (said so on screen), with this phone's stock actions that still wait to sync
 * applied on top. When the server says nobody has counted for a while (`stale`), a reminder shows here and on the
 * sell screen until this phone records a count or a delivery.
 */
import { h, replace } from '../common/dom.js';
import { cameraReads, scanWithCamera } from './camera.js';
import { t, lang } from '../common/i18n.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { formatTime, formatDateTime } from '../common/format.js';
import { app, subscribe, recordEvent } from './store.js';
import { onStatus, syncStatus, syncNow } from './sync.js';
import { dayOf } from './projections.js';
import { StorageFullError } from './db.js';

const ACTIONS = {
	DELIVERY: { type: 'STOCK_DELIVERED', key: 'delivery' },
	COUNT: { type: 'STOCK_COUNTED', key: 'count' },
	WASTE: { type: 'STOCK_WASTED', key: 'waste' },
};
const KIND_OF_TYPE = { STOCK_DELIVERED: 'DELIVERY', STOCK_COUNTED: 'COUNT', STOCK_WASTED: 'WASTE' };

/** The screen's choices, kept while the operator looks at another tab. */
const choice = { ingredientId: null, action: 'COUNT', search: '' };

/** True while the stale-stock reminder should show: the server says stale and this phone has not counted since. */
export function stockIsStale() {
	const stock = app.stock;
	if (!stock?.stale) return false;
	const mine = app.projection.lastStockManualAt;
	if (!mine) return true;
	return Boolean(stock.lastManualUpdate) && mine <= stock.lastManualUpdate;
}

/** The reminder banner, or null when stock is fresh. */
export function staleBanner() {
	if (!stockIsStale()) return null;
	return h('div', { class: 'notice stale-stock', role: 'status' },
		h('strong', {}, t('stock.stale')), ' ',
		location.hash.startsWith('#/stock') ? null : h('a', { href: '#/stock' }, t('stock.staleGo')));
}

/** This phone's stock actions that the server does not have yet. */
function pendingActions() {
	const through = syncStatus().syncedThrough ?? 0;
	return app.projection.stockActions.filter((a) => a.sequence > through);
}

const statusOf = (quantity, threshold) => (quantity < 0 ? 'NEGATIVE' : quantity === 0 ? 'OUT' : quantity < threshold ? 'LOW' : 'OK');

/** The server's level with the pending actions for that ingredient applied, in recording order. */
function levelsWithPending(pending) {
	return (app.stock?.levels ?? []).map((level) => {
		let quantity = Number(level.quantity);
		const mine = pending.filter((a) => a.payload.ingredientId === level.ingredientId);
		for (const a of mine) {
			if (a.type === 'STOCK_DELIVERED') quantity += a.payload.quantity;
			else if (a.type === 'STOCK_WASTED') quantity -= a.payload.quantity;
			else if (a.type === 'STOCK_COUNTED') quantity = a.payload.counted;
		}
		const status = mine.length ? statusOf(quantity, Number(level.threshold)) : level.status;
		return { ...level, quantity, status, server: Number(level.quantity), pending: mine.length };
	});
}

const unitText = (unit) => t(`stock.unit.${unit}`);

function whenText(instant) {
	const zone = app.settings.zone;
	return dayOf(instant, zone) === dayOf(new Date(), zone) ? formatTime(instant, zone, lang()) : formatDateTime(instant, zone, lang());
}

/** Scanned text to an ingredient code: trimmed, upper-case, spaces and dashes as underscores. */
const normaliseCode = (text) => String(text ?? '').trim().toUpperCase().replace(/[\s-]+/g, '_');

export async function render(container, ctx) {
	let stopScan = null;
	const unsubscribe = subscribe((what) => {
		if (what === 'pull' || what === 'events') draw();
	});
	let lastThrough = syncStatus().syncedThrough;
	let lastSync = syncStatus().lastSyncAt;
	const offStatus = onStatus((s) => {
		if (s.syncedThrough !== lastThrough || s.lastSyncAt !== lastSync) {
			lastThrough = s.syncedThrough;
			lastSync = s.lastSyncAt;
			draw();
		}
	});

	function draw() {
		const focused = document.activeElement;
		const keepSearch = focused?.classList?.contains('stock-search');
		const caret = keepSearch ? focused.selectionStart : null;
		stockScreen();
		if (keepSearch) {
			const search = container.querySelector('.stock-search');
			search?.focus();
			if (caret !== null) search?.setSelectionRange(caret, caret);
		}
	}

	function stockScreen() {
		const heading = h('h1', { tabindex: '-1' }, t('stock.title'));
		if (!app.stock) {
			replace(container, h('section', { class: 'card' }, heading, staleBanner(), h('p', { class: 'notice' }, t('stock.noStock')), syncButton()));
			return;
		}
		const pending = pendingActions();
		const levels = levelsWithPending(pending);
		const s = syncStatus();
		const asOf = h('p', { class: 'muted stock-as-of' },
			s.lastSyncAt ? t('stock.asOf', { time: whenText(s.lastSyncAt) }) : t('operator.sync.never'), ' ', t('stock.asOfHint'));

		// ---- picking: search and scan
		const search = h('input', {
			type: 'search', class: 'stock-search', value: choice.search, autocomplete: 'off',
			oninput: (e) => {
				choice.search = e.target.value;
				drawList();
			},
		});
		// labels are whatever the stand prints: every format BarcodeDetector knows, or only QR codes with our decoder
		const reads = cameraReads();
		const scanButton = reads
			? h('button', { type: 'button', class: 'stock-scan', onclick: () => scan() }, t(reads === 'qr' ? 'stock.scanQr' : 'stock.scan'))
			: null;
		const scanArea = h('div', { class: 'stock-scanner', hidden: true });
		const list = h('ul', { class: 'stock-list', 'aria-label': t('stock.listLabel') });

		function drawList() {
			const q = choice.search.trim().toLowerCase();
			const shown = levels.filter((l) => !q || l.ingredientName.toLowerCase().includes(q)
				|| String(l.ingredientCode ?? '').toLowerCase().includes(q));
			replace(list, shown.length ? shown.map(row) : h('li', { class: 'muted' }, t('stock.noMatch')));
		}

		function row(level) {
			const selected = choice.ingredientId === level.ingredientId;
			const statusKey = String(level.status).toLowerCase();
			const item = h('li', {
				class: `stock-item status-${statusKey}${selected ? ' selected' : ''}`,
				dataset: { ingredientId: String(level.ingredientId), code: String(level.ingredientCode ?? '') },
			},
			h('button', {
				type: 'button', class: 'stock-pick', 'aria-expanded': selected ? 'true' : 'false',
				onclick: () => {
					choice.ingredientId = selected ? null : level.ingredientId;
					draw();
					if (!selected) container.querySelector('.stock-item.selected .stock-actions input')?.focus();
				},
			},
			h('span', { class: 'stock-name' }, level.ingredientName),
			h('span', { class: 'stock-level' },
				h('span', { class: 'stock-qty', dataset: { quantity: String(level.quantity) } }, String(level.quantity)), ' ',
				h('span', { class: 'stock-unit' }, unitText(level.unit))),
			h('span', { class: `stock-status ${statusKey}` }, t(`stock.status.${level.status}`)),
			level.pending ? h('span', { class: 'stock-pending small' }, t('stock.withPending', { server: level.server, count: level.pending })) : null),
			selected ? actions(level) : null);
			return item;
		}

		// ---- the selected ingredient's actions
		function actions(level) {
			const kind = choice.action;
			const radios = h('fieldset', { class: 'stock-kinds' }, h('legend', {}, t('stock.action')),
				Object.keys(ACTIONS).map((k) => h('label', { class: 'choice' },
					h('input', {
						type: 'radio', name: `stock-kind-${level.ingredientId}`, value: k, checked: k === kind,
						onchange: () => {
							choice.action = k;
							draw();
							container.querySelector(`.stock-item.selected input[value="${k}"]`)?.focus();
						},
					}), ' ', t(`stock.kind.${k}`))));
			const amount = h('input', {
				type: 'number', name: kind === 'COUNT' ? 'counted' : 'quantity', inputmode: 'numeric', min: kind === 'COUNT' ? '0' : '1', step: '1', required: true,
			});
			const text = kind === 'COUNT' ? null : h('input', { type: 'text', name: kind === 'WASTE' ? 'reason' : 'note', maxlength: '200', required: kind === 'WASTE' });
			const unit = unitText(level.unit);
			const form = h('form', { class: 'stock-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
				field(t(kind === 'COUNT' ? 'stock.counted' : 'stock.quantity'), amount, unit),
				text ? field(t(kind === 'WASTE' ? 'stock.reason' : 'stock.note'), text) : null,
				h('button', { type: 'submit', class: 'primary wide' }, t(`stock.record.${ACTIONS[kind].key}`)));

			async function submit() {
				clearErrors(form);
				const raw = amount.value.trim();
				const value = Number(raw);
				const errors = [];
				const name = amount.name;
				if (raw === '' || !Number.isInteger(value)) errors.push({ field: name, message: t('stock.error.whole') });
				else if (kind === 'COUNT' && value < 0) errors.push({ field: name, message: t('stock.error.notNegative') });
				else if (kind !== 'COUNT' && value <= 0) errors.push({ field: name, message: t('stock.error.positive') });
				const note = text ? text.value.trim() : '';
				if (kind === 'WASTE' && !note) errors.push({ field: 'reason', message: t('stock.error.reason') });
				if (errors.length) {
					showErrors(form, { detail: t('stock.error.check'), errors });
					return;
				}
				const payload = kind === 'COUNT' ? { ingredientId: level.ingredientId, counted: value }
					: kind === 'DELIVERY' ? { ingredientId: level.ingredientId, quantity: value, note: note || null }
						: { ingredientId: level.ingredientId, quantity: value, reason: note };
				try {
					await recordEvent(ACTIONS[kind].type, payload, { ingredientName: level.ingredientName, unit: level.unit });
				} catch (e) {
					showErrors(form, { detail: e instanceof StorageFullError ? t('operator.alarm.storageFull') : String(e?.message ?? e) });
					return;
				}
				ctx.status(t(`stock.recorded.${ACTIONS[kind].key}`, { name: level.ingredientName }));
				choice.ingredientId = null;
				draw();
				container.querySelector('.stock-waiting')?.focus?.();
			}

			return h('div', { class: 'stock-actions' }, radios, form);
		}

		// ---- scanning a code label
		async function scan() {
			stopScan?.();
			stopScan = await scanWithCamera({
				area: scanArea, hint: t(reads === 'qr' ? 'stock.scanHintQr' : 'stock.scanHint'), cancel: t('stock.scanCancel'),
				videoLabel: t('stock.scanVideo'),
				every: 300,
				onCodes(values) {
					for (const value of values) {
						const code = normaliseCode(value);
						const level = levels.find((l) => normaliseCode(l.ingredientCode) === code);
						if (level) {
							stopScan = null;
							choice.ingredientId = level.ingredientId;
							choice.search = '';
							draw();
							container.querySelector('.stock-item.selected .stock-actions input')?.focus();
							return true;
						}
						if (code) ctx.status(t('stock.scanUnknown', { code }), { error: true });
					}
					return false;
				},
			});
			if (!stopScan) ctx.status(t('stock.scanFailed'), { error: true });
		}

		// ---- what waits to sync
		const waiting = h('section', { class: 'card stock-waiting', tabindex: '-1', 'aria-labelledby': 'stock-waiting-h' },
			h('h2', { id: 'stock-waiting-h' }, t('stock.waiting')),
			pending.length
				? h('ul', { class: 'stock-waiting-list' }, [...pending].reverse().map((a) => {
					const level = levels.find((l) => l.ingredientId === a.payload.ingredientId);
					const name = level?.ingredientName ?? `#${a.payload.ingredientId}`;
					const unit = level ? unitText(level.unit) : '';
					const kind = KIND_OF_TYPE[a.type];
					const amount = a.type === 'STOCK_COUNTED' ? a.payload.counted : a.payload.quantity;
					return h('li', { class: 'stock-waiting-item', dataset: { type: a.type } },
						h('span', {}, t(`stock.line.${ACTIONS[kind].key}`, { name, amount, unit })),
						a.payload.reason ? h('span', { class: 'muted' }, ` (${a.payload.reason})`) : null,
						a.payload.note ? h('span', { class: 'muted' }, ` (${a.payload.note})`) : null,
						' ', h('span', { class: 'muted small' }, whenText(a.occurredAt)));
				}))
				: h('p', { class: 'muted' }, t('stock.nothingWaiting')));

		drawList();
		replace(container,
			heading,
			staleBanner(),
			h('div', { class: 'row between stock-sync' }, asOf, syncButton()),
			h('section', { class: 'card stock-picker' },
				h('div', { class: 'row stock-find' }, field(t('stock.search'), search), scanButton),
				scanArea,
				list),
			waiting);
	}

	function syncButton() {
		return h('button', {
			type: 'button', class: 'small stock-sync-now', disabled: !navigator.onLine,
			onclick: () => syncNow(),
		}, t('stock.syncNow'));
	}

	const onNetwork = () => draw();
	window.addEventListener('online', onNetwork);
	window.addEventListener('offline', onNetwork);
	draw();
	return () => {
		unsubscribe();
		offStatus();
		window.removeEventListener('online', onNetwork);
		window.removeEventListener('offline', onNetwork);
		stopScan?.();
	};
}
