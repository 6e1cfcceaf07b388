/**
 * Money, times and distances for display. Money is an integer count of minor units (grosze); floating point is
 * used only to hand a value to Intl for display, never to compute or to parse what a user typed.
 */

/** How many minor digits a currency has (PLN: 2). */
export function minorDigits(currency) {
	try {
		return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
	} catch {
		return 2;
	}
}

/** "12,90 zł" (pl) or "PLN 12.90" (en) from 1290. */
export function formatMoney(minor, currency, lang) {
	const digits = minorDigits(currency);
	return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits })
		.format(Number(minor) / 10 ** digits);
}

/** The decimal separator of a language ("," for pl, "." for en). */
export function decimalSeparator(lang) {
	const part = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal');
	return part ? part.value : '.';
}

/** A plain editable amount ("12,90" in pl) from minor units, built with integer arithmetic only. */
export function minorToInput(minor, currency, lang) {
	if (minor === null || minor === undefined || minor === '') return '';
	const digits = minorDigits(currency);
	const value = BigInt(minor);
	const negative = value < 0n;
	const abs = negative ? -value : value;
	const scale = 10n ** BigInt(digits);
	const whole = (abs / scale).toString();
	const frac = (abs % scale).toString().padStart(digits, '0');
	return `${negative ? '-' : ''}${whole}${digits ? decimalSeparator(lang) + frac : ''}`;
}

/**
 * What a user typed ("12,90", "12.9", "12", "1 290,00 zł") as integer minor units, or null when it is not a
 * non-negative amount with at most the currency's minor digits. Splits on the separator: no float is involved.
 */
export function parseMoney(text, currency) {
	if (text === null || text === undefined) return null;
	const digits = minorDigits(currency);
	const cleaned = String(text)
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/(zł|zl|pln|[a-z]{3})$/i, '')
		.replace(/^(zł|pln|[a-z]{3})/i, '');
	const match = /^(\d*)(?:[.,](\d*))?$/.exec(cleaned);
	if (!match) return null;
	const [, whole = '', frac = ''] = match;
	if (!whole && !frac) return null;
	if (frac.length > digits) return null;
	const minor = BigInt(whole || '0') * 10n ** BigInt(digits) + BigInt((frac || '0').padEnd(digits, '0'));
	if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
	return Number(minor);
}

/** Basis points as a percentage for display: 800 -> "8%", 2050 -> "20.5%" (pl: "20,5%"). */
export function formatPercent(basisPoints, lang) {
	return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10000);
}

/** A VAT rate in basis points as a percentage: 800 -> "8%" (pl: "8%"). */
export const formatVat = formatPercent;

/**
 * A percentage someone typed ("20", "20,5", "20.25 %") as basis points (2000, 2050, 2025), or null when it is not
 * a non-negative number with at most two decimals. Like parseMoney it splits on the separator: no float.
 */
export function parsePercent(text) {
	const match = /^(\d*)(?:[.,](\d*))?$/.exec(String(text ?? '').replace(/[\s\u00a0\u202f%]/g, ''));
	if (!match) return null;
	const [, whole = '', frac = ''] = match;
	if ((!whole && !frac) || frac.length > 2 || whole.length > 5) return null;
	return Number(whole || '0') * 100 + Number((frac || '0').padEnd(2, '0'));
}

/** Basis points as an editable percentage: 2050 -> "20,5" (pl) or "20.5" (en), 2000 -> "20". */
export function percentToInput(basisPoints, lang) {
	if (basisPoints === null || basisPoints === undefined) return '';
	const whole = Math.trunc(basisPoints / 100);
	const frac = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
	return frac ? `${whole}${decimalSeparator(lang)}${frac}` : String(whole);
}

/** The wall-clock fields of an instant in a zone: {year, month, day, hour, minute, second} as numbers. */
function zonedFields(epochMillis, zone) {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
		hour: '2-digit', minute: '2-digit', second: '2-digit',
	}).formatToParts(new Date(epochMillis));
	const get = (type) => Number(parts.find((p) => p.type === type).value);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/**
 * The instant (ISO-8601, UTC) of a wall-clock time in the business zone: ("2026-06-10T11:15", "Europe/Warsaw")
 * -> "2026-06-10T09:15:00Z". Input as from <input type="datetime-local">; null when empty or malformed. A time
 * skipped by a DST change moves forward with the clock.
 */
export function zonedInstant(localDateTime, zone) {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(localDateTime ?? '');
	if (!match) return null;
	const [, y, mo, d, hh, mm] = match.map(Number);
	const wall = Date.UTC(y, mo - 1, d, hh, mm);
	const offsetAt = (millis) => {
		const f = zonedFields(millis, zone);
		return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - millis;
	};
	let instant = wall - offsetAt(wall);
	instant = wall - offsetAt(instant);
	return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** An instant as the value of <input type="datetime-local"> in the business zone: "2026-06-10T11:15". */
export function instantToLocalInput(instant, zone) {
	if (!instant) return '';
	const f = zonedFields(new Date(instant).getTime(), zone);
	const two = (n) => String(n).padStart(2, '0');
	return `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}`;
}

function dateKey(date, zone) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Today's date in the business zone as "2026-06-10" (the value of <input type="date">). */
export function todayIn(zone, now = new Date()) {
	return dateKey(now, zone);
}

/** A calendar date ("2026-06-10") moved by whole days: ("2026-06-10", -7) -> "2026-06-03". */
export function addDays(isoDate, days) {
	const [y, m, d] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The business-zone calendar date of an instant: "2026-06-10". */
export function dateIn(instant, zone) {
	return instant ? dateKey(new Date(instant), zone) : '';
}

/** A calendar date for display ("10 Jun 2026", "10 cze 2026"); no zone arithmetic involved. */
export function formatDate(isoDate, lang) {
	if (!isoDate) return '';
	const [y, m, d] = isoDate.split('-').map(Number);
	return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A past time: just the time when it was today in the business zone, else the date and time. */
export function formatRecent(instant, zone, lang, now = new Date()) {
	if (!instant) return '';
	return dateKey(new Date(instant), zone) === dateKey(now, zone)
		? formatTime(instant, zone, lang)
		: formatDateTime(instant, zone, lang);
}

/** A whole quantity of an ingredient with grouping: 1250 -> "1,250" (en) or "1250" (pl). */
export function formatQuantity(quantity, lang) {
	return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(quantity);
}

/** "10:00" in the business zone. */
export function formatTime(instant, zone, lang) {
	if (!instant) return '';
	return new Intl.DateTimeFormat(lang, { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** "25.11.2026, 10:00" in the business zone. */
export function formatDateTime(instant, zone, lang) {
	if (!instant) return '';
	return new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/** A time for "opens at": just the time today, the weekday and time within a week, else the date and time. */
export function formatWhen(instant, zone, lang, now = new Date()) {
	if (!instant) return '';
	const date = new Date(instant);
	if (dateKey(date, zone) === dateKey(now, zone)) return formatTime(instant, zone, lang);
	const days = (date - now) / 86400000;
	const options = days < 6
		? { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }
		: { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
	return new Intl.DateTimeFormat(lang, options).format(date);
}

/** "350 m" or "2,4 km". */
export function formatDistance(meters, lang) {
	if (meters === null || meters === undefined) return '';
	if (meters < 1000) {
		return new Intl.NumberFormat(lang, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(meters / 10) * 10);
	}
	return new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(meters / 1000);
}

/** Great-circle distance in metres (the same haversine the server uses). */
export function distanceMeters(lat1, lon1, lat2, lon2) {
	const r = 6371008.8;
	const rad = (d) => (d * Math.PI) / 180;
	const a = Math.sin(rad(lat2 - lat1) / 2) ** 2
		+ Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
	return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A coordinate typed with "," or "." as a number, or null. */
export function parseCoordinate(text) {
	const cleaned = String(text ?? '').trim().replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
	return Number(cleaned);
}

/** JSON text (an audit change, an event payload) indented for reading; anything else as it is. */
export function prettyJson(text) {
	if (text === null || text === undefined || text === '') return '';
	try {
		return JSON.stringify(JSON.parse(text), null, 1);
	} catch {
		return String(text);
	}
}
