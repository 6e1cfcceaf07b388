/**
 * The driver's end of the live channel (/ws with the access token): low-stock messages the moment a stand crosses
 * a threshold, a heartbeat every 20 s to keep proxies from closing an idle socket, and reconnection with
 * exponential back-off and jitter (at once when the phone comes back online). The state is "open" only once the
 * server has answered, so "live" on screen means the server knows this socket.
 */
const HEARTBEAT = 20_000;
const BASE_DELAY = 1_000;
const MAX_DELAY = 30_000;

/**
 * Opens the channel. `token()` gives the current access token; `onMessage(message)` gets every message but the
 * heartbeat acks; `onState(state, {reconnected})` hears "connecting", "open" and "offline"; `onRefused()` runs
 * when a socket closes before it opened (an expired token, typically). Returns {state, close()}.
 */
export function openLive({ token, onMessage, onState, onRefused }) {
	let socket = null;
	let retry = null;
	let beat = null;
	let attempt = 0;
	let closed = false;
	let everOpen = false;
	let state = 'connecting';

	function set(next) {
		if (next === state) return;
		const reconnected = next === 'open' && everOpen;
		if (next === 'open') everOpen = true;
		state = next;
		onState?.(next, { reconnected });
	}

	function connect() {
		clearTimeout(retry);
		if (closed || socket) return;
		if (!navigator.onLine) {
			set('offline');
			return;
		}
		const bearer = token();
		if (!bearer) return;
		set('connecting');
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		let current;
		try {
			current = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(bearer)}`);
		} catch {
			later();
			return;
		}
		socket = current;
		let opened = false;
		const send = (message) => {
			if (current.readyState === WebSocket.OPEN) current.send(JSON.stringify(message));
		};
		current.onopen = () => {
			opened = true;
			send({ type: 'heartbeat' });
			beat = setInterval(() => send({ type: 'heartbeat' }), HEARTBEAT);
		};
		current.onmessage = (event) => {
			let message;
			try {
				message = JSON.parse(event.data);
			} catch {
				return;
			}
			attempt = 0;
			set('open');
			if (message?.type && message.type !== 'ack') onMessage?.(message);
		};
		current.onclose = () => {
			clearInterval(beat);
			if (socket === current) socket = null;
			if (closed) return;
			set(navigator.onLine ? 'connecting' : 'offline');
			if (!opened) onRefused?.();
			later();
		};
	}

	function later() {
		if (closed || !navigator.onLine) return;
		attempt += 1;
		const ceiling = Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
		retry = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
	}

	function online() {
		attempt = 0;
		connect();
	}

	function offline() {
		set('offline');
		clearTimeout(retry);
		socket?.close();
	}

	window.addEventListener('online', online);
	window.addEventListener('offline', offline);
	connect();

	return {
		get state() {
			return state;
		},
		close() {
			closed = true;
			clearTimeout(retry);
			clearInterval(beat);
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			socket?.close();
			socket = null;
		},
	};
}
