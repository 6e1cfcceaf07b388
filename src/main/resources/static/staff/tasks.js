/**
 * Restock tasks: the open and accepted ones, most urgent first and then nearest (the server's order), each with
 * what the stand has and what to bring. "Take" claims a task; a task this driver holds shows its delivery form,
 * prefilled with the suggestions. The last list is saved, so with no network the screen shows it under a banner
 * saying how old it is, and a delivery made offline is sent when the network is back (deliveries.js).
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { formatDistance, formatTime } from '../common/format.js';
import { field, showErrors, clearErrors, busy, problemMessage } from '../common/forms.js';
import { currentPosition } from '../common/shell.js';
import * as directory from './directory.js';
import * as deliveries from './deliveries.js';
import { read, write } from './saved.js';

const POLL = 60_000;

/** The last answer: {at, tasks}. */
let snapshot = read('tasks', null);
/** What the driver typed into delivery forms, by task and ingredient, so a refresh never loses it. */
const drafts = new Map();
let position = null;

/** Where the phone is, or null without permission (then the list has no distances). */
async function locate() {
	if (position && Date.now() - position.at < 60_000) return position;
	try {
		const state = await navigator.permissions?.query({ name: 'geolocation' });
		if (state?.state === 'denied') return null;
	} catch {
		// no Permissions API: just ask
	}
	try {
		const p = await currentPosition({ enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 });
		position = { ...p, at: Date.now() };
	} catch {
		position = null;
	}
	return position;
}

/** "out now", "runs out in ~2 h", "below the threshold now", "no stock-out expected". */
export function urgency(task) {
	if (task.lines.some((l) => l.level <= 0)) return { text: t('staff.urgency.out'), level: 'out' };
	const hours = task.urgencyHours;
	if (hours === null || hours === undefined) return { text: t('staff.urgency.none'), level: 'calm' };
	if (hours <= 0) return { text: t('staff.urgency.lowNow'), level: 'soon' };
	if (hours < 1) return { text: t('staff.urgency.minutes', { minutes: Math.max(10, Math.round((hours * 60) / 10) * 10) }), level: 'soon' };
	return { text: t('staff.urgency.hours', { hours: Math.round(hours) }), level: hours <= 3 ? 'soon' : 'calm' };
}

/** A link that opens the stand in the phone's map app: geo: on Android, Apple Maps on iOS. */
function mapHref(task) {
	const { latitude: lat, longitude: lon } = task;
	if (/iPhone|iPad|iPod/.test(navigator.userAgent)) {
		return `https://maps.apple.com/?ll=${lat},${lon}&q=${encodeURIComponent(task.standName)}`;
	}
	return `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(task.standName)})`;
}

const unitShort = (unit) => (unit ? t(`unit.${unit}.short`) : '');

export async function render(container, app) {
	const zone = app.settings.zone;
	const clock = (millis) => formatTime(new Date(millis).toISOString(), zone, lang());
	const heading = h('h1', { id: 'tasks-h', tabindex: '-1' }, t('staff.tasks.title'));
	const banner = h('p', { class: 'offline-banner', role: 'status', hidden: true });
	const where = h('p', { class: 'small muted' });
	const waiting = h('p', { class: 'notice', hidden: true });
	const list = h('ol', { class: 'list tasks', 'aria-labelledby': 'tasks-h', 'aria-busy': 'true' });
	const refreshButton = h('button', { type: 'button', class: 'small', onclick: () => load() }, t('common.refresh'));
	let offline = false;
	let loading = null;
	let alive = true;

	const visible = () => (snapshot?.tasks ?? []).filter((task) => !deliveries.isPending(task.id));

	function draw() {
		if (!alive) return;
		if (offline) {
			banner.textContent = snapshot ? t('staff.offlineSince', { time: clock(snapshot.at) }) : t('staff.offlineNothing');
		}
		banner.hidden = !offline;
		where.textContent = snapshot
			? `${snapshot.located ? t('staff.tasks.fromHere') : t('staff.tasks.noPosition')} ${t('staff.tasks.updatedAt', { time: clock(snapshot.at) })}`
			: '';
		const kept = deliveries.pending();
		waiting.hidden = kept.length === 0;
		waiting.textContent = t('staff.deliver.waiting', { count: kept.length });
		const tasks = visible();
		if (!snapshot) {
			replace(list, h('li', { class: 'muted' }, offline ? t('staff.offlineNothing') : t('common.loading')));
		} else if (!tasks.length) {
			replace(list, h('li', { class: 'card muted empty' }, t('staff.tasks.none')));
		} else {
			replace(list, tasks.map(card));
		}
	}

	function card(task) {
		const headingId = `task-${task.id}`;
		const mine = task.status === 'ACCEPTED' && task.acceptedBy === app.user.id;
		const taken = task.status === 'ACCEPTED' && !mine;
		const urgent = urgency(task);
		const stand = directory.stand(task.standId);
		return h('li', {},
			h('article', { class: `card task urgency-${urgent.level}${mine ? ' mine' : ''}`, 'aria-labelledby': headingId, dataset: { taskId: task.id, standId: task.standId } },
				h('div', { class: 'task-head' },
					h('h2', { id: headingId, class: 'stand-name' }, task.standName),
					task.distanceMeters != null ? h('span', { class: 'distance' }, formatDistance(task.distanceMeters, lang())) : null),
				h('p', { class: 'task-meta' },
					h('span', { class: `badge urgency ${urgent.level}` }, urgent.text),
					mine ? h('span', { class: 'badge open' }, t('staff.task.yours')) : null,
					taken ? h('span', { class: 'badge' }, t('staff.task.taken')) : null,
					task.placeName && task.placeName !== task.standName ? h('span', { class: 'small muted' }, task.placeName) : null),
				h('ul', { class: 'lines', 'aria-label': t('staff.task.linesLabel') }, task.lines.map((line) => h('li', {},
					h('span', { class: 'line-name' }, line.ingredientName),
					h('span', { class: 'line-level small muted' }, t('staff.task.level', { level: line.level, threshold: line.threshold, unit: unitShort(line.unit) })),
					h('span', { class: 'line-bring' }, t('staff.task.bring', { quantity: line.suggested, unit: unitShort(line.unit) }))))),
				mine ? deliveryForm(task) : null,
				h('div', { class: 'actions' },
					task.status === 'OPEN'
						? h('button', { type: 'button', class: 'primary', 'aria-label': t('staff.task.takeNamed', { name: task.standName }), onclick: (e) => take(task, e.currentTarget) }, t('staff.task.take'))
						: null,
					h('a', { class: 'button', href: mapHref(task), 'aria-label': t('staff.task.mapNamed', { name: task.standName }) }, t('staff.openMap')),
					stand?.phone ? h('a', { class: 'button', href: `tel:${stand.phone}`, 'aria-label': t('staff.callNamed', { name: task.standName }) }, t('staff.call')) : null),
				h('p', { class: 'small muted coords' }, `${task.latitude.toFixed(5)}, ${task.longitude.toFixed(5)}`)));
	}

	function deliveryForm(task) {
		const titleId = `deliver-${task.id}`;
		const draft = drafts.get(task.id) ?? {};
		drafts.set(task.id, draft);
		const inputs = task.lines.map((line) => {
			const input = h('input', {
				name: `q-${line.ingredientId}`, type: 'text', inputmode: 'numeric', pattern: '[0-9]*', autocomplete: 'off',
				enterkeyhint: 'done', value: draft[line.ingredientId] ?? String(line.suggested),
			});
			input.addEventListener('input', () => { draft[line.ingredientId] = input.value; });
			return { line, input };
		});
		const form = h('form', { class: 'delivery', 'aria-labelledby': titleId, novalidate: true },
			h('h3', { id: titleId }, t('staff.deliver.title')),
			inputs.map(({ line, input }) => field(`${line.ingredientName} (${unitShort(line.unit)})`, input,
				t('staff.deliver.suggested', { quantity: line.suggested, unit: unitShort(line.unit) }))),
			h('button', { type: 'submit', class: 'primary wide' }, t('staff.deliver.submit')),
			h('div', { class: 'form-errors', role: 'alert' }));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			const errors = [];
			const lines = [];
			for (const { line, input } of inputs) {
				const text = input.value.trim();
				if (!/^\d{1,7}$/.test(text)) errors.push({ field: input.name, message: t('staff.deliver.wholeNumber') });
				else if (Number(text) > 0) lines.push({ ingredientId: line.ingredientId, quantity: Number(text) });
			}
			if (errors.length) {
				showErrors(form, { detail: t('form.fixFields'), errors });
				return;
			}
			if (!lines.length) {
				showErrors(form, { detail: t('staff.deliver.nothing'), errors: [] });
				return;
			}
			await busy(form, async () => {
				try {
					await deliveries.send(task.id, lines);
					delivered(task, false);
				} catch (e) {
					if (e.status === 0) {
						deliveries.keep({ taskId: task.id, standName: task.standName, lines });
						delivered(task, true);
					} else if (e.status !== 401) {
						showErrors(form, e);
					}
				}
			});
		});
		return form;
	}

	function delivered(task, kept) {
		drafts.delete(task.id);
		if (!kept && snapshot) {
			snapshot = { ...snapshot, tasks: snapshot.tasks.filter((x) => x.id !== task.id) };
			write('tasks', snapshot);
		}
		draw();
		app.status(t(kept ? 'staff.deliver.kept' : 'staff.deliver.done', { name: task.standName }));
		heading.focus();
		if (!kept) app.deliveredOne();
	}

	async function take(task, button) {
		button.disabled = true;
		try {
			const updated = await api(`/api/v1/restock/tasks/${encodeURIComponent(task.id)}/accept`, { method: 'POST' });
			snapshot = {
				...snapshot,
				tasks: snapshot.tasks.map((x) => (x.id === task.id ? { ...updated, distanceMeters: x.distanceMeters } : x)),
			};
			write('tasks', snapshot);
			draw();
			app.status(t('staff.task.takenByYou', { name: task.standName }));
			list.querySelector(`[data-task-id="${CSS.escape(task.id)}"] form input`)?.focus();
		} catch (e) {
			button.disabled = false;
			if (e.status === 409) {
				app.status(t('staff.task.conflict', { name: task.standName }), { error: true });
				load();
			} else if (e.status === 0) {
				app.status(t('staff.task.needsNetwork'), { error: true });
			} else if (e.status !== 401) {
				app.status(problemMessage(e), { error: true });
			}
		}
	}

	/** Fetches the list (with the position when there is one); shows the saved one when the network fails. */
	function load({ quiet = false } = {}) {
		loading ??= (async () => {
			if (!quiet) refreshButton.disabled = true;
			const here = await locate();
			const query = here ? `?lat=${here.lat.toFixed(5)}&lon=${here.lon.toFixed(5)}` : '';
			try {
				await deliveries.flush().then(report);
				const tasks = await api(`/api/v1/restock/tasks${query}`);
				snapshot = { at: Date.now(), located: Boolean(here), tasks };
				write('tasks', snapshot);
				offline = false;
			} catch (e) {
				if (e.status === 0) offline = true;
				else if (e.status !== 401) app.status(problemMessage(e), { error: true });
			} finally {
				refreshButton.disabled = false;
				list.removeAttribute('aria-busy');
			}
			// a refresh in the background never redraws under the driver's fingers
			if (!(quiet && list.contains(document.activeElement) && document.activeElement !== document.body)) draw();
		})().finally(() => {
			loading = null;
		});
		return loading;
	}

	function report({ sent, refused }) {
		if (snapshot && (sent.length || refused.length)) {
			const done = new Set([...sent, ...refused.map((r) => r.delivery)].map((d) => d.taskId));
			snapshot = { ...snapshot, tasks: snapshot.tasks.filter((x) => !done.has(x.id)) };
			write('tasks', snapshot);
		}
		if (sent.length) app.status(t('staff.deliver.sentLater', { names: sent.map((d) => d.standName).join(', ') }));
		for (const { delivery, error } of refused) {
			app.status(`${t('staff.deliver.refused', { name: delivery.standName })} ${problemMessage(error)}`, { error: true });
		}
	}

	replace(container,
		heading,
		banner,
		h('div', { class: 'toolbar' }, where, refreshButton),
		waiting,
		list);
	draw();
	load();
	const timer = setInterval(() => {
		if (document.visibilityState === 'visible' && navigator.onLine) load({ quiet: true });
	}, POLL);
	const unlisten = app.onTasksMayHaveChanged(() => load({ quiet: true }));
	const online = () => load({ quiet: true });
	window.addEventListener('online', online);
	return () => {
		alive = false;
		clearInterval(timer);
		unlisten();
		window.removeEventListener('online', online);
	};
}
