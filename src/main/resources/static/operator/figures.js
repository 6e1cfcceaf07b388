/**
 * Money figures as definition lists, shared by "Today" and the Z report: sales count, totals by payment method,
 * discounts, refunds, and for a shift the cash reconciliation.
 */
import { h } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { formatMoney, formatDateTime } from '../common/format.js';
import { METHODS } from './projections.js';
import { app } from './store.js';

const row = (key, value, cls, testId) => h('div', { class: `figure ${cls ?? ''}`, dataset: testId ? { figure: testId } : undefined },
	h('dt', {}, t(key)), h('dd', {}, value));

export function money(minor) {
	return formatMoney(minor, app.settings.currency, lang());
}

/** Count, total, per method, discounts, refunds and net. */
export function totalsView(f) {
	return h('dl', { class: 'figures' },
		row('figures.count', String(f.count), null, 'count'),
		row('figures.total', money(f.totalMinor), 'strong', 'total'),
		METHODS.map((m) => row(`figures.method.${m}`, money(f.byMethod[m] ?? 0), 'indent', `method-${m}`)),
		row('figures.discounts', money(f.discountMinor), null, 'discounts'),
		row('figures.refunds', money(f.refundedMinor), null, 'refunds'),
		f.refundsByMethod.CASH ? row('figures.cashRefunds', money(f.refundsByMethod.CASH), 'indent', 'cash-refunds') : null,
		f.voided ? row('figures.voided', String(f.voided), null, 'voided') : null,
		row('figures.net', money(f.netMinor), 'strong', 'net'));
}

/** The Z report of a shift: the totals plus float, expected and counted cash and the variance. */
export function zReportView(z) {
	const zone = app.settings.zone;
	const variance = z.varianceMinor;
	return h('div', { class: 'z-report' },
		h('p', { class: 'small muted' }, t('shift.period', {
			from: formatDateTime(z.openedAt, zone, lang()), to: z.closedAt ? formatDateTime(z.closedAt, zone, lang()) : t('shift.now'),
		})),
		totalsView(z),
		h('dl', { class: 'figures cash' },
			row('figures.float', money(z.floatMinor), null, 'float'),
			row('figures.expectedCash', money(z.expectedCashMinor), 'strong', 'expected-cash'),
			z.countedCashMinor === null ? null : row('figures.countedCash', money(z.countedCashMinor), null, 'counted-cash'),
			variance === null ? null : row('figures.variance', `${variance > 0 ? '+' : ''}${money(variance)}`,
				variance === 0 ? 'ok' : 'bad', 'variance')));
}
