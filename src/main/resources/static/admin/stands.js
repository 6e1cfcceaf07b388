/**
 * Stands: a map of all stands (open green, closed red, archived grey) with a table under it (which stands' phones
 * are online, last seen when and on what network), and the stand editor
 * (details, location picked on the map, weekly hours, special days, archive, operators, the stand's menu).
 */
import { h, replace, nextId } from '../common/dom.js';
import { t, lang, has } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';
import { parseCoordinate, formatRecent } from '../common/format.js';
import { createMap, dot, fit, COLORS, KRAKOW_CENTRE } from '../common/map.js';

export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

function stateOf(stand) {
	if (!stand.active) return 'archived';
	return stand.openNow ? 'open' : 'closed';
}

function stateBadge(stand) {
	const state = stateOf(stand);
	return h('span', { class: `badge ${state}` }, t(`stand.state.${state}`));
}

/** Whether the stand's phone is heard from now, when it last was and on what network; a word, not only a colour. */
function presence(stand, zone) {
	const network = stand.network && stand.network !== 'unknown'
		? (has(`admin.stands.network.${stand.network}`) ? t(`admin.stands.network.${stand.network}`) : stand.network)
		: null;
	return [
		h('span', { class: `badge ${stand.online ? 'open' : ''} presence` },
			h('span', { 'aria-hidden': 'true' }, stand.online ? '● ' : '○ '), t(stand.online ? 'admin.stands.online' : 'admin.stands.offline')),
		h('div', { class: 'small muted' },
			stand.lastSeen ? t('admin.stands.lastSeen', { when: formatRecent(stand.lastSeen, zone, lang()) }) : t('admin.stands.neverSeen'),
			network ? ` · ${network}` : null),
	];
}

function legend() {
	return h('p', { class: 'legend' }, ['open', 'closed', 'archived'].map((state) =>
		h('span', {}, h('span', { class: 'swatch', style: `background:${COLORS[state]}`, 'aria-hidden': 'true' }), t(`stand.state.${state}`))));
}

/** #/stands: map and table of every stand. */
export async function list(container, ctx) {
	const all = await api('/api/v1/stands');
	let showArchived = false;
	const mapEl = h('div', { class: 'map', role: 'region', 'aria-label': t('admin.stands.map') });
	const tbody = h('tbody');
	const count = h('p', { class: 'muted' });
	const archivedToggle = h('input', { type: 'checkbox', id: nextId('cb') });
	archivedToggle.addEventListener('change', () => {
		showArchived = archivedToggle.checked;
		draw();
	});
	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { tabindex: '-1' }, t('admin.stands.title')),
			h('a', { class: 'button primary', href: '#/stands/new' }, t('admin.stands.new'))),
		count,
		mapEl,
		legend(),
		h('div', { class: 'filters' }, h('div', { class: 'check' }, h('label', { for: archivedToggle.id }, archivedToggle, t('admin.stands.showArchived')))),
		h('div', { class: 'card table-wrap' }, h('table', {},
			h('caption', { class: 'visually-hidden' }, t('admin.stands.title')),
			h('thead', {}, h('tr', {},
				h('th', { scope: 'col' }, t('admin.stands.col.code')),
				h('th', { scope: 'col' }, t('admin.stands.col.name')),
				h('th', { scope: 'col' }, t('admin.stands.col.place')),
				h('th', { scope: 'col' }, t('admin.stands.col.now')),
				h('th', { scope: 'col' }, t('admin.stands.col.online')),
				h('th', { scope: 'col' }, t('admin.stands.col.operators')),
				h('th', { scope: 'col' }, t('admin.stands.col.autoConfirm')))),
			tbody)));

	const map = createMap(mapEl, ctx.settings);
	const markers = [];

	function draw() {
		const shown = all.filter((s) => showArchived || s.active);
		count.textContent = t('admin.stands.count', { open: all.filter((s) => s.active && s.openNow).length, total: all.filter((s) => s.active).length });
		markers.splice(0).forEach((m) => m.remove());
		for (const stand of shown) {
			const popup = h('div', {},
				h('strong', {}, stand.name), h('br'),
				stand.placeName ? [h('span', {}, stand.placeName), h('br')] : null,
				stateBadge(stand), ' ',
				h('a', { href: `#/stands/${stand.id}` }, t('admin.stands.editLink', { name: stand.name })));
			const marker = dot([stand.latitude, stand.longitude], { color: COLORS[stateOf(stand)], label: stand.name })
				.bindPopup(popup).addTo(map);
			markers.push(marker);
		}
		fit(map, shown.map((s) => [s.latitude, s.longitude]), 14);
		replace(tbody, shown.map((stand) => h('tr', {
			class: `clickable${stand.active ? '' : ' archived'}`,
			dataset: { standId: stand.id },
			onclick: (e) => {
				if (!e.target.closest('a')) location.hash = `#/stands/${stand.id}`;
			},
		},
		h('td', {}, stand.code),
		h('td', {}, h('a', { href: `#/stands/${stand.id}` }, stand.name)),
		h('td', {}, stand.placeName ?? ''),
		h('td', {}, stateBadge(stand)),
		h('td', { class: 'presence-cell' }, presence(stand, ctx.settings.zone)),
		h('td', {}, stand.operators.map((o) => o.displayName).join(', ') || h('span', { class: 'muted' }, t('admin.stands.noOperator'))),
		h('td', {}, stand.autoConfirm ? t('common.yes') : t('common.no')))));
	}

	draw();
	return () => map.remove();
}

const hhmm = (time) => (time ? String(time).slice(0, 5) : '');

function blankStand() {
	return {
		code: '', name: '', placeName: '', latitude: KRAKOW_CENTRE[0], longitude: KRAKOW_CENTRE[1], phone: '',
		autoConfirm: false, active: true, operators: [],
		hours: { weekly: DAYS.map((day) => ({ day, opens: '10:00', closes: '22:00' })), specialDays: [] },
	};
}

/** #/stands/:id and #/stands/new: the stand editor. */
export async function edit(container, ctx, idParam) {
	const isNew = idParam === 'new';
	let stand;
	if (isNew) {
		stand = blankStand();
	} else {
		const all = await api('/api/v1/stands');
		stand = all.find((s) => s.id === Number(idParam));
		if (!stand) throw { status: 404, problem: {} };
	}

	const input = (name, value, attrs = {}) => h('input', { name, type: 'text', value: value ?? '', ...attrs });
	const code = input('code', stand.code, { required: true, autocapitalize: 'characters', spellcheck: 'false' });
	const name = input('name', stand.name, { required: true });
	const placeName = input('placeName', stand.placeName);
	const latitude = input('latitude', String(stand.latitude), { inputmode: 'decimal', required: true });
	const longitude = input('longitude', String(stand.longitude), { inputmode: 'decimal', required: true });
	const phone = input('phone', stand.phone, { type: 'tel', autocomplete: 'off' });
	const autoConfirm = h('input', { type: 'checkbox', name: 'autoConfirm', id: nextId('cb'), checked: stand.autoConfirm });

	// weekly hours: one block per day, each with any number of opens/closes intervals
	const dayBlocks = new Map();
	const addInterval = (day, opens = '', closes = '') => {
		const dayName = t(`day.${day}`);
		const list = dayBlocks.get(day);
		const opensIn = h('input', { type: 'time', value: hhmm(opens), 'aria-label': t('admin.stand.opensOn', { day: dayName }) });
		const closesIn = h('input', { type: 'time', value: hhmm(closes), 'aria-label': t('admin.stand.closesOn', { day: dayName }) });
		const row = h('div', { class: 'interval', dataset: { day } },
			h('div', { class: 'field' }, h('span', { class: 'small muted', 'aria-hidden': 'true' }, t('admin.stand.opens')), opensIn),
			h('div', { class: 'field' }, h('span', { class: 'small muted', 'aria-hidden': 'true' }, t('admin.stand.closes')), closesIn),
			h('button', { type: 'button', class: 'small danger', 'aria-label': t('admin.stand.removeHours', { day: dayName }),
				onclick: () => { row.remove(); refreshClosed(day); } }, t('common.remove')));
		row.opens = opensIn;
		row.closes = closesIn;
		list.append(row);
		refreshClosed(day);
		return row;
	};
	const refreshClosed = (day) => {
		const list = dayBlocks.get(day);
		list.querySelector('.closed-note')?.remove();
		if (!list.querySelector('.interval')) list.prepend(h('p', { class: 'closed-note muted' }, t('admin.stand.closedAllDay')));
	};
	const hoursFieldset = h('fieldset', { 'data-field': 'hours' }, h('legend', {}, t('admin.stand.weeklyHours')),
		h('p', { class: 'hint' }, t('admin.stand.hoursHint')),
		DAYS.map((day) => {
			const list = h('div', { class: 'intervals' });
			dayBlocks.set(day, list);
			return h('div', { class: 'hours-day' },
				h('span', { class: 'day-name' }, t(`day.${day}`)),
				h('div', {}, list, h('button', { type: 'button', class: 'small', 'aria-label': t('admin.stand.addHoursOn', { day: t(`day.${day}`) }),
					onclick: () => addInterval(day).opens.focus() }, t('admin.stand.addHours'))));
		}));
	DAYS.forEach((day) => refreshClosed(day));
	for (const w of stand.hours.weekly) addInterval(w.day, w.opens, w.closes);

	// special days: a date with other hours, or closed when no hours are given
	const specialList = h('div', {});
	const addSpecial = (s = {}) => {
		const date = h('input', { type: 'date', value: s.date ?? '' });
		const opens = h('input', { type: 'time', value: hhmm(s.opens) });
		const closes = h('input', { type: 'time', value: hhmm(s.closes) });
		const note = h('input', { type: 'text', value: s.note ?? '' });
		const row = h('div', { class: 'special-day' },
			field(t('admin.stand.date'), date), field(t('admin.stand.opens'), opens), field(t('admin.stand.closes'), closes),
			h('div', { class: 'field note' }, field(t('admin.stand.note'), note)),
			h('button', { type: 'button', class: 'small danger', onclick: () => row.remove() }, t('admin.stand.removeSpecialDay')));
		Object.assign(row, { date, opens, closes, note });
		specialList.append(row);
		return row;
	};
	for (const s of stand.hours.specialDays ?? []) addSpecial(s);
	const specialFieldset = h('fieldset', {}, h('legend', {}, t('admin.stand.specialDays')),
		h('p', { class: 'hint' }, t('admin.stand.specialHint')), specialList,
		h('button', { type: 'button', class: 'small', onclick: () => addSpecial().date.focus() }, t('admin.stand.addSpecialDay')));

	const form = h('form', { class: 'card', novalidate: true },
		h('div', { class: 'grid-2' },
			field(t('admin.stand.code'), code, t('admin.stand.codeHint')),
			field(t('admin.stand.name'), name),
			field(t('admin.stand.placeName'), placeName),
			field(t('admin.stand.phone'), phone, t('admin.stand.phoneHint')),
			field(t('admin.stand.latitude'), latitude),
			field(t('admin.stand.longitude'), longitude)),
		h('p', { class: 'hint' }, t('admin.stand.mapHint')),
		h('div', { class: 'field check' }, h('label', { for: autoConfirm.id }, autoConfirm, t('admin.stand.autoConfirm'))),
		hoursFieldset,
		specialFieldset,
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' },
			h('button', { type: 'submit', class: 'primary' }, t('common.save')),
			h('a', { class: 'button', href: '#/stands' }, t('admin.stand.back'))));

	const mapEl = h('div', { class: 'map small', role: 'region', 'aria-label': t('admin.stand.locationMap') });
	const side = h('div', {},
		h('section', { class: 'card' }, h('h2', {}, t('admin.stand.location')), mapEl));

	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { tabindex: '-1' }, isNew ? t('admin.stand.newTitle') : t('admin.stand.editTitle', { name: stand.name })),
			isNew ? null : stateBadge(stand)),
		h('div', { class: 'editor' }, form, side));

	const map = createMap(mapEl, ctx.settings, { center: [stand.latitude, stand.longitude], zoom: 15 });
	const marker = dot([stand.latitude, stand.longitude], { color: COLORS[stateOf(stand)], radius: 11 }).addTo(map);
	map.on('click', (e) => {
		latitude.value = e.latlng.lat.toFixed(6);
		longitude.value = e.latlng.lng.toFixed(6);
		marker.setLatLng(e.latlng);
	});
	const follow = () => {
		const lat = parseCoordinate(latitude.value);
		const lon = parseCoordinate(longitude.value);
		if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
			marker.setLatLng([lat, lon]);
			map.panTo([lat, lon]);
		}
	};
	latitude.addEventListener('change', follow);
	longitude.addEventListener('change', follow);

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const errors = [];
		const lat = parseCoordinate(latitude.value);
		const lon = parseCoordinate(longitude.value);
		if (lat === null) errors.push({ field: 'latitude', message: t('form.coordinate') });
		if (lon === null) errors.push({ field: 'longitude', message: t('form.coordinate') });
		if (!code.value.trim()) errors.push({ field: 'code', message: t('form.required') });
		if (!name.value.trim()) errors.push({ field: 'name', message: t('form.required') });
		const weekly = [];
		for (const row of hoursFieldset.querySelectorAll('.interval')) {
			if (!row.opens.value || !row.closes.value) {
				errors.push({ field: 'hours', message: t('admin.stand.hoursIncomplete', { day: t(`day.${row.dataset.day}`) }) });
				continue;
			}
			weekly.push({ day: row.dataset.day, opens: row.opens.value, closes: row.closes.value });
		}
		const specialDays = [];
		for (const row of specialList.querySelectorAll('.special-day')) {
			if (!row.date.value || Boolean(row.opens.value) !== Boolean(row.closes.value)) {
				errors.push({ field: 'hours', message: t('admin.stand.specialIncomplete') });
				continue;
			}
			specialDays.push({ date: row.date.value, opens: row.opens.value || null, closes: row.closes.value || null, note: row.note.value.trim() || null });
		}
		if (errors.length) {
			showErrors(form, { detail: t('form.fixFields'), errors });
			return;
		}
		const body = {
			code: code.value.trim().toUpperCase(), name: name.value.trim(), placeName: placeName.value.trim() || null,
			latitude: lat, longitude: lon, phone: phone.value.replace(/\s/g, '') || null, autoConfirm: autoConfirm.checked,
			hours: { weekly, specialDays }, version: isNew ? null : stand.version,
		};
		await busy(form, async () => {
			try {
				const saved = await api(isNew ? '/api/v1/stands' : `/api/v1/stands/${stand.id}`, { method: isNew ? 'POST' : 'PUT', body });
				ctx.status(t('admin.stand.saved', { name: saved.name }));
				ctx.go('#/stands');
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});

	if (!isNew) {
		side.append(statusCard(ctx, stand), operatorsCard(ctx, stand));
		side.append(await menuCard(ctx, stand));
	}
	return () => map.remove();
}

function statusCard(ctx, stand) {
	const card = h('section', { class: 'card' }, h('h2', {}, t('admin.stand.status')),
		h('p', {}, stand.active ? t('admin.stand.activeText') : t('admin.stand.archivedText')));
	if (ctx.isOwner()) {
		const action = stand.active ? 'archive' : 'restore';
		card.append(h('button', {
			type: 'button', class: stand.active ? 'danger' : '',
			onclick: async (e) => {
				if (action === 'archive' && !confirm(t('admin.stand.archiveConfirm', { name: stand.name }))) return;
				e.target.disabled = true;
				try {
					await api(`/api/v1/stands/${stand.id}/${action}`, { method: 'POST' });
					ctx.status(t(`admin.stand.${action}d`, { name: stand.name }));
					ctx.go(`#/stands/${stand.id}`);
				} catch (err) {
					e.target.disabled = false;
					ctx.fail(err);
				}
			},
		}, t(`admin.stand.${action}`)));
	}
	return card;
}

function operatorsCard(ctx, stand) {
	return h('section', { class: 'card' }, h('h2', {}, t('admin.stand.operators')),
		stand.operators.length
			? h('ul', { class: 'list' }, stand.operators.map((op) => h('li', { class: 'row between' },
				h('span', {}, `${op.displayName} (${op.username})`),
				ctx.isOwner() ? h('button', {
					type: 'button', class: 'small',
					'aria-label': t('admin.stand.unassignNamed', { name: op.displayName }),
					onclick: async (e) => {
						e.target.disabled = true;
						try {
							await api(`/api/v1/stands/${stand.id}/operators/${op.id}`, { method: 'DELETE' });
							ctx.status(t('admin.stand.unassigned', { name: op.displayName, stand: stand.name }));
							ctx.go(`#/stands/${stand.id}`);
						} catch (err) {
							e.target.disabled = false;
							ctx.fail(err);
						}
					},
				}, t('admin.stand.unassign')) : null)))
			: h('p', { class: 'muted' }, t('admin.stands.noOperator')),
		ctx.isOwner() ? h('p', { class: 'hint' }, t('admin.stand.assignHint'), ' ', h('a', { href: '#/users' }, t('admin.nav.users'))) : null);
}

async function menuCard(ctx, stand) {
	const card = h('section', { class: 'card' }, h('h2', {}, t('admin.stand.menu')));
	if (!stand.active) {
		card.append(h('p', { class: 'muted' }, t('admin.stand.menuArchived')));
		return card;
	}
	let menu;
	try {
		menu = await api(`/api/v1/stands/${stand.id}/menu`);
	} catch (e) {
		card.append(h('p', { class: 'muted' }, t('error.generic')));
		return card;
	}
	card.append(h('p', { class: 'hint' }, t('admin.stand.menuHint')),
		h('ul', { class: 'menu-toggles' }, menu.items.map((item) => {
			const box = h('input', { type: 'checkbox', id: nextId('cb'), checked: item.available });
			box.addEventListener('change', async () => {
				box.disabled = true;
				try {
					await api(`/api/v1/stands/${stand.id}/menu/${item.productId}`, { method: 'PUT', body: { available: box.checked } });
					ctx.status(t(box.checked ? 'admin.stand.menuOn' : 'admin.stand.menuOff', { product: item.name, stand: stand.name }));
				} catch (err) {
					box.checked = !box.checked;
					ctx.fail(err);
				} finally {
					box.disabled = false;
				}
			});
			return h('li', { class: 'check' }, h('label', { for: box.id }, box, item.name));
		})));
	return card;
}
