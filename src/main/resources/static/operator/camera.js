/**
 * Reading a code with the phone's camera where the browser has BarcodeDetector: the stock tab reads ingredient
 * labels, the orders tab a customer's pickup QR. The video shows in `area` with a cancel button until `onCodes`
 * says a code was the one wanted (returns true) or the caller stops the scan.
 */
import { h, replace } from '../common/dom.js';

/**
 * Starts scanning; resolves to a stop function, or to null when the camera or the detector cannot be had.
 *
 * @param {{area: HTMLElement, formats?: string[], hint: string, cancel: string, videoLabel: string,
 *          every?: number, onCodes: (rawValues: string[]) => boolean|Promise<boolean>}} options
 */
export async function scanWithCamera({ area, formats, hint, cancel, videoLabel, every = 250, onCodes }) {
	let stream;
	let detector;
	try {
		detector = formats ? new window.BarcodeDetector({ formats }) : new window.BarcodeDetector();
		stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
	} catch {
		return null;
	}
	const video = h('video', { playsinline: true, muted: true, 'aria-label': videoLabel });
	video.srcObject = stream;
	let stopped = false;
	let timer = null;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		clearTimeout(timer);
		stream.getTracks().forEach((track) => track.stop());
		area.hidden = true;
		replace(area);
	};
	replace(area, h('p', {}, hint), video, h('button', { type: 'button', onclick: stop }, cancel));
	area.hidden = false;
	await video.play().catch(() => {});
	const tick = async () => {
		if (stopped) return;
		let codes = [];
		try {
			codes = await detector.detect(video);
		} catch {
			codes = [];
		}
		const values = codes.map((c) => c.rawValue).filter(Boolean);
		if (values.length && (await onCodes(values))) {
			stop();
			return;
		}
		timer = setTimeout(tick, every);
	};
	tick();
	return stop;
}
