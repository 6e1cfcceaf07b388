/**
 * Deliveries handed over with no network wait here (localStorage) and are sent when the phone is back online.
 * Sending one twice is harmless: the server applies a task's delivery once. Like workbox's queue: in order, an
 * entry leaves only when the server answered, a network failure stops the round and keeps the rest.
 */
import { api } from '../common/api.js';
import { read, write } from './saved.js';

let flushing = null;

export function pending() {
	return read('outbox', []) ?? [];
}

export function isPending(taskId) {
	return pending().some((d) => d.taskId === taskId);
}

/** Keeps a delivery for later: {taskId, standName, lines:[{ingredientId, quantity}]}. */
export function keep(delivery) {
	write('outbox', [...pending().filter((d) => d.taskId !== delivery.taskId), { ...delivery, keptAt: Date.now() }]);
}

function drop(taskId) {
	write('outbox', pending().filter((d) => d.taskId !== taskId));
}

/** Sends what waits; resolves to {sent:[...], refused:[{delivery, error}]} of this round. */
export function flush() {
	flushing ??= (async () => {
		const sent = [];
		const refused = [];
		for (const delivery of pending()) {
			try {
				await send(delivery.taskId, delivery.lines);
				sent.push(delivery);
				drop(delivery.taskId);
			} catch (e) {
				if (e?.status === 0 || e?.status === 401 || e?.status >= 500) break;
				// the server will never take it (another driver delivered, the task is gone): tell, do not retry
				refused.push({ delivery, error: e });
				drop(delivery.taskId);
			}
		}
		return { sent, refused };
	})().finally(() => {
		flushing = null;
	});
	return flushing;
}

export function send(taskId, lines) {
	return api(`/api/v1/restock/tasks/${encodeURIComponent(taskId)}/deliver`, { method: 'POST', body: { lines } });
}
