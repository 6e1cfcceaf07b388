/**
 * The stand operator's phone app, first step: sign in, see the own stand and its menu, and move the stand to
 * where the phone is ("Use my location"). Selling and offline sync come later.
 */
import { h, replace } from '../common/dom.js';
import { t, lang, has } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';
import { formatMoney, formatWhen } from '../common/format.js';
import { createMap, dot, COLORS } from '../common/map.js';
import { startShell, currentPosition, positionError } from '../common/shell.js';

function stateBadge(stand, zone) {
	if (stand.openNow) {
		return h('span', { class: 'badge open' }, stand.closesAt
			? t('customer.openUntil', { time: formatWhen(stand.closesAt, zone, lang()) }) : t('stand.state.open'));
	}
	return h('span', { class: 'badge closed' }, stand.nextOpening
		? t('customer.opensAt', { time: formatWhen(stand.nextOpening, zone, lang()) }) : t('stand.state.closed'));
}

const coords = (lat, lon) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;

async function render(container, ctx) {
	const me = await api('/api/v1/me');
	if (!me.standId) {
		replace(container, h('section', { class: 'card' }, h('h1', {}, t('operator.noStandTitle')), h('p', {}, t('operator.noStand'))));
		return undefined;
	}
	const [stand, menu] = await Promise.all([api(`/api/v1/stands/${me.standId}`), api(`/api/v1/stands/${me.standId}/menu`)]);
	const zone = ctx.settings.zone;
	const placeText = h('p', { class: 'muted' }, stand.placeName ?? '');
	const coordText = h('p', { class: 'coords small' }, t('operator.coordinates', { coords: coords(stand.latitude, stand.longitude) }));
	const mapEl = h('div', { class: 'map small', role: 'region', 'aria-label': t('operator.mapLabel') });

	const placeName = h('input', { name: 'placeName', type: 'text', value: stand.placeName ?? '', autocomplete: 'off' });
	const moveForm = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'move-h' },
		h('h2', { id: 'move-h' }, t('operator.moveTitle')),
		h('p', { class: 'hint' }, t('operator.moveHint')),
		field(t('operator.placeName'), placeName),
		h('button', { type: 'submit', class: 'primary wide' }, t('operator.useLocation')),
		h('div', { class: 'form-errors', role: 'alert' }));

	replace(container,
		h('section', { class: 'card stand-summary', 'aria-labelledby': 'stand-h' },
			h('h1', { id: 'stand-h' }, stand.name), placeText, h('p', {}, stateBadge(stand, zone)), coordText, mapEl),
		moveForm,
		h('section', { class: 'card', 'aria-labelledby': 'menu-h' },
			h('h2', { id: 'menu-h' }, t('operator.menuTitle')),
			h('ul', { class: 'list' }, menu.items.map((item) => h('li', { class: `menu-line${item.available ? '' : ' unavailable'}` },
				h('span', {}, h('span', { class: 'name' }, item.name),
					item.available ? null : h('span', { class: 'small' }, ` (${has(`menu.reason.${item.unavailableReason}`) ? t(`menu.reason.${item.unavailableReason}`) : t('menu.reason.other')})`)),
				h('span', { class: 'price' }, formatMoney(item.priceMinor, item.currency, lang())))))));

	const map = createMap(mapEl, ctx.settings, { center: [stand.latitude, stand.longitude], zoom: 16 });
	const marker = dot([stand.latitude, stand.longitude], { color: stand.openNow ? COLORS.open : COLORS.closed, radius: 11, label: stand.name }).addTo(map);

	moveForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(moveForm);
		await busy(moveForm, async () => {
			ctx.status(t('operator.locating'));
			let position;
			try {
				position = await currentPosition();
			} catch (e) {
				ctx.status(positionError(e), { error: true });
				return;
			}
			try {
				const moved = await api(`/api/v1/stands/${stand.id}/location`, {
					method: 'PUT', body: { latitude: position.lat, longitude: position.lon, placeName: placeName.value.trim() || null },
				});
				Object.assign(stand, { latitude: moved.latitude, longitude: moved.longitude, placeName: moved.placeName });
				placeText.textContent = moved.placeName ?? '';
				coordText.textContent = t('operator.coordinates', { coords: coords(moved.latitude, moved.longitude) });
				marker.setLatLng([moved.latitude, moved.longitude]);
				map.setView([moved.latitude, moved.longitude]);
				ctx.status(t('operator.moved', { coords: coords(moved.latitude, moved.longitude) }));
			} catch (e) {
				ctx.status('');
				if (e.status !== 401) showErrors(moveForm, e);
			}
		});
	});
	return () => map.remove();
}

startShell({
	storageKey: 'diggety.operator.token',
	allowedRoles: ['OPERATOR'],
	loginTitleKey: 'operator.login.title',
	loginIntroKey: 'operator.login.intro',
	render,
});
