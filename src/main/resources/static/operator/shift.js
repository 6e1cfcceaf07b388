/**
 * #/shift: open a shift with the cash float ("Float", SHIFT_OPENED), see its running figures, close it with the
 * counted cash ("Counted cash", SHIFT_CLOSED) and read the Z report at once from the phone's own events. Once the
 * shift has synced, the server's report (GET /api/v1/shifts/{id}/report) is shown next to it for comparison.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { parseMoney } from '../common/format.js';
import { zReport, lastClosedShift } from './projections.js';
import { app, subscribe, recordEvent } from './store.js';
import { syncStatus, onStatus } from './sync.js';
import { uuidv7 } from './db.js';
import { zReportView, money } from './figures.js';

function moneyInput(name) {
	return h('input', { name, type: 'text', inputmode: 'decimal', autocomplete: 'off' });
}

export function render(container, ctx) {
	const draw = () => {
		const p = app.projection;
		if (p.shift) drawOpen(p.shift);
		else drawClosed();
	};

	function drawClosed() {
		const float = moneyInput('float');
		const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'open-h' },
			h('h2', { id: 'open-h' }, t('shift.openTitle')),
			field(t('shift.float'), float, t('shift.floatHint')),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('button', { type: 'submit', class: 'primary wide' }, t('shift.open')));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			const minor = parseMoney(float.value, app.settings.currency);
			if (minor === null) {
				showErrors(form, { detail: t('form.fixFields'), errors: [{ field: 'float', message: t('shift.amountInvalid') }] });
				return;
			}
			try {
				await recordEvent('SHIFT_OPENED', { shiftId: uuidv7(), floatMinor: minor });
				ctx.status(t('shift.opened', { amount: money(minor) }));
				ctx.go('#/sell');
			} catch (e) {
				showErrors(form, { detail: String(e?.message ?? e), errors: [] });
			}
		});
		const last = lastClosedShift(app.projection);
		// the last Z report first: it is what the operator wants to see right after closing
		replace(container, h('h1', { tabindex: '-1' }, t('shift.title')),
			last ? reportSection(last.shiftId, t('shift.lastReport')) : null,
			h('p', { class: 'notice' }, t('shift.none')), form);
	}

	function drawOpen(shift) {
		const counted = moneyInput('countedCash');
		const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'close-h' },
			h('h2', { id: 'close-h' }, t('shift.closeTitle')),
			field(t('shift.counted'), counted, t('shift.countedHint')),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('button', { type: 'submit', class: 'primary wide' }, t('shift.close')));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			const minor = parseMoney(counted.value, app.settings.currency);
			if (minor === null) {
				showErrors(form, { detail: t('form.fixFields'), errors: [{ field: 'countedCash', message: t('shift.amountInvalid') }] });
				return;
			}
			try {
				await recordEvent('SHIFT_CLOSED', { shiftId: shift.shiftId, countedCashMinor: minor });
				ctx.status(t('shift.closed'));
				draw();
				container.querySelector('#z-h')?.focus();
			} catch (e) {
				showErrors(form, { detail: String(e?.message ?? e), errors: [] });
			}
		});
		replace(container, h('h1', { tabindex: '-1' }, t('shift.title')),
			h('section', { class: 'card', 'aria-labelledby': 'current-h' },
				h('h2', { id: 'current-h' }, t('shift.current')),
				zReportView(zReport(app.projection, shift.shiftId))),
			form);
	}

	/** The local Z report of a closed shift, then the server's when it has one. */
	function reportSection(shiftId, title) {
		const z = zReport(app.projection, shiftId);
		const server = h('div', { class: 'server-report', 'aria-live': 'polite' });
		const section = h('section', { class: 'card z', 'aria-labelledby': 'z-h' },
			h('h2', { id: 'z-h', tabindex: '-1' }, title),
			zReportView(z),
			h('h3', {}, t('shift.serverReport')),
			server);
		reload = () => loadServerReport(shiftId, z, server);
		reload();
		return section;
	}

	let reload = null;
	let seen = syncStatus().syncedThrough;
	draw();
	const unsubscribe = subscribe((what) => {
		if (what === 'events' && !container.querySelector('form:focus-within')) draw();
	});
	// once the shift's events reach the server, show the server's report next to the phone's
	const unsubscribeStatus = onStatus((s) => {
		if (s.syncedThrough !== seen) {
			seen = s.syncedThrough;
			if (s.pending === 0) reload?.();
		}
	});
	return () => {
		unsubscribe();
		unsubscribeStatus();
	};
}

/** The server's Z report, compared with the phone's; a notice until the shift has synced. */
async function loadServerReport(shiftId, local, slot) {
	const status = syncStatus();
	if (!navigator.onLine || status.pending > 0) {
		replace(slot, h('p', { class: 'muted small' }, t('shift.serverPending')));
		return;
	}
	try {
		const report = await api(`/api/v1/shifts/${encodeURIComponent(shiftId)}/report`);
		const pick = (...keys) => keys.map((k) => report?.[k]).find((v) => Number.isFinite(v));
		const rows = [
			['figures.count', pick('salesCount', 'count'), local.count, String],
			['figures.total', pick('totalMinor', 'salesMinor', 'grossMinor'), local.totalMinor, money],
			['figures.expectedCash', pick('expectedCashMinor'), local.expectedCashMinor, money],
			['figures.variance', pick('varianceMinor'), local.varianceMinor, money],
		].filter(([, value]) => value !== undefined);
		const same = rows.every(([, value, mine]) => value === mine);
		replace(slot,
			h('dl', { class: 'figures' }, rows.map(([key, value, , show]) => h('div', { class: 'figure' }, h('dt', {}, t(key)), h('dd', {}, show(value))))),
			h('p', { class: same ? 'badge open' : 'badge warn' }, same ? t('shift.serverSame') : t('shift.serverDiffers')));
	} catch (e) {
		replace(slot, h('p', { class: 'muted small' }, e.status === 404 ? t('shift.serverPending') : t('shift.serverUnavailable')));
	}
}
