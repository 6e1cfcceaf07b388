/**
 * Names for ids: stands (name, place, phone, position) and ingredients (name, unit), loaded once per start and kept
 * for offline use. Alerts carry ids only, so the alerts screen resolves them here.
 */
import { api } from '../common/api.js';
import { read, write } from './saved.js';

let stands = new Map((read('stands', []) ?? []).map((s) => [s.id, s]));
let ingredients = new Map((read('ingredients', []) ?? []).map((i) => [i.id, i]));
let loading = null;

/** Loads both lists (again); keeps the saved ones when the network fails. */
export function refresh() {
	loading ??= Promise.all([api('/api/v1/stands'), api('/api/v1/ingredients')])
		.then(([standList, ingredientList]) => {
			const slim = standList.map((s) => ({
				id: s.id, code: s.code, name: s.name, placeName: s.placeName, latitude: s.latitude, longitude: s.longitude,
				phone: s.phone, active: s.active, openNow: s.openNow, operators: (s.operators ?? []).map((o) => ({ displayName: o.displayName })),
			}));
			const names = ingredientList.map((i) => ({ id: i.id, code: i.code, name: i.name, unit: i.unit }));
			stands = new Map(slim.map((s) => [s.id, s]));
			ingredients = new Map(names.map((i) => [i.id, i]));
			write('stands', slim);
			write('ingredients', names);
		})
		.catch((e) => {
			if (e?.status !== 0) throw e;
		})
		.finally(() => {
			loading = null;
		});
	return loading;
}

/** Waits for a load in progress, or loads when `id` is unknown (a stand added since). */
export async function ensureStand(id) {
	if (loading) await loading.catch(() => {});
	if (!stands.has(id)) await refresh().catch(() => {});
	return stands.get(id);
}

export function stand(id) {
	return stands.get(id);
}

export function allStands() {
	return [...stands.values()];
}

export function ingredient(id) {
	return ingredients.get(id);
}
