/**
 * Promotions in words, for the office and the stand: the kind, what it takes off ("15% off Hot dogs"), when it
 * runs ("Mon–Fri · 11:15–13:00"), where ("Company" or a stand) and its status badge. Read-only helpers over the
 * flat PromotionSpec JSON; the editor is promotion-form.js.
 */
import { h } from './dom.js';
import { t, lang, has } from './i18n.js';
import { formatMoney, formatPercent, formatDateTime } from './format.js';

export const KINDS = ['PRODUCT_DISCOUNT', 'BUNDLE', 'BUY_X_GET_Y', 'ORDER_DISCOUNT', 'LOYALTY_PERCENT', 'LOYALTY_NTH_FREE'];
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
export const FULL_BP = 10000;

export const kindName = (kind) => t(`promotion.kind.${kind}`);

export const categoryName = (category) => (has(`category.${category}`) ? t(`category.${category}`) : category);

/** "Mon" for MONDAY in the current language, from Intl (1 Jan 2024 was a Monday). */
export function shortDay(day) {
	const date = new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)));
	return new Intl.DateTimeFormat(lang(), { weekday: 'short', timeZone: 'UTC' }).format(date);
}

/** "Hot dog klasyczny, Drinks": the products and categories a target names. */
export function targetText(target, productsById) {
	if (!target) return '';
	const names = (target.productIds ?? []).map((id) => productsById.get(id)?.name ?? `#${id}`);
	return [...names, ...(target.categories ?? []).map(categoryName)].join(', ');
}

/** What the promotion takes off, in one line. */
export function offerText(spec, productsById, currency) {
	const money = (minor) => formatMoney(minor ?? 0, currency, lang());
	const percent = formatPercent(spec.percentBp ?? 0, lang());
	const target = targetText(spec.target, productsById);
	switch (spec.kind) {
	case 'PRODUCT_DISCOUNT':
		return spec.percentBp != null
			? t('promotion.offer.percentOff', { percent, target })
			: t('promotion.offer.amountOff', { amount: money(spec.amountMinor), target });
	case 'BUNDLE': {
		const items = (spec.components ?? []).map((c) => t('promotion.offer.bundleItem', {
			quantity: c.quantity, target: targetText(c.target, productsById),
		})).join(' + ');
		if (spec.priceMinor != null) return t('promotion.offer.bundlePrice', { items, price: money(spec.priceMinor) });
		if (spec.amountMinor != null) return t('promotion.offer.bundleAmount', { items, amount: money(spec.amountMinor) });
		return t('promotion.offer.bundlePercent', { items, percent });
	}
	case 'BUY_X_GET_Y':
		return spec.percentBp === FULL_BP
			? t('promotion.offer.buyGetFree', { buy: spec.buy, get: spec.get, target })
			: t('promotion.offer.buyGetPercent', { buy: spec.buy, get: spec.get, percent, target });
	case 'ORDER_DISCOUNT':
		return spec.percentBp != null
			? t('promotion.offer.orderPercent', { percent, min: money(spec.minSubtotalMinor) })
			: t('promotion.offer.orderAmount', { amount: money(spec.amountMinor), min: money(spec.minSubtotalMinor) });
	case 'LOYALTY_PERCENT':
		return t('promotion.offer.loyaltyPercent', { percent, count: spec.minPurchases, days: spec.withinDays });
	case 'LOYALTY_NTH_FREE':
		return t('promotion.offer.nthFree', { every: spec.every, target });
	default:
		return '';
	}
}

/** Consecutive days as ranges: [MONDAY..FRIDAY, SUNDAY] -> "Mon–Fri, Sun". */
function daysText(days) {
	const picked = DAYS.map((d) => days.includes(d));
	const runs = [];
	for (let i = 0; i < 7; i += 1) {
		if (!picked[i]) continue;
		let j = i;
		while (j + 1 < 7 && picked[j + 1]) j += 1;
		runs.push(j - i >= 2 ? `${shortDay(DAYS[i])}–${shortDay(DAYS[j])}` : DAYS.slice(i, j + 1).map(shortDay).join(', '));
		i = j;
	}
	return runs.join(', ');
}

const hhmm = (time) => (time ? String(time).slice(0, 5) : '');

/** When it runs: date range, days and time of day, in the business zone; "Always" when unrestricted. */
export function scheduleText(window, zone) {
	const parts = [];
	const w = window ?? {};
	const date = (instant) => formatDateTime(instant, zone, lang());
	if (w.from && w.to) parts.push(t('promotion.schedule.range', { from: date(w.from), to: date(w.to) }));
	else if (w.from) parts.push(t('promotion.schedule.from', { date: date(w.from) }));
	else if (w.to) parts.push(t('promotion.schedule.until', { date: date(w.to) }));
	if (w.days?.length && w.days.length < 7) parts.push(daysText(w.days));
	if (w.fromTime || w.toTime) {
		parts.push(t('promotion.schedule.time', { from: hhmm(w.fromTime) || '00:00', to: hhmm(w.toTime) || '24:00' }));
	}
	return parts.length ? parts.join(' · ') : t('promotion.schedule.always');
}

/** "Company", "Company · KRK-01 Rynek" when limited to some stands, or the stand's name for a stand's own. */
export function scopeText(promotion, standsById) {
	const standName = (id) => {
		const stand = standsById.get(id);
		return stand ? stand.name : `#${id}`;
	};
	if (promotion.standId) return t('promotion.scope.stand', { stand: standName(promotion.standId) });
	const ids = promotion.spec?.standIds ?? [];
	if (!ids.length) return t('promotion.scope.company');
	return t('promotion.scope.companyAt', { stands: ids.map(standName).join(', ') });
}

/** Small flags: needs a code, registered customers only, exclusive. */
export function flags(spec) {
	return [
		spec.requiresCode ? t('promotion.flag.code') : null,
		spec.customersOnly ? t('promotion.flag.customers') : null,
		spec.exclusive ? t('promotion.flag.exclusive') : null,
	].filter(Boolean);
}

const BADGE = { ACTIVE: 'open', PAUSED: 'warn', ARCHIVED: '' };

export function statusBadge(status) {
	return h('span', { class: `badge ${BADGE[status] ?? ''}`.trim() }, t(`promotion.status.${status}`));
}
