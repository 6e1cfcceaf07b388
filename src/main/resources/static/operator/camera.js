/**
 * Reading a code with the phone's camera: the stock tab reads ingredient labels, the orders tab a customer's pickup
 * QR. Where the browser has BarcodeDetector it reads every format it knows; elsewhere (Safari on iPhones, Chromium
 * on Linux) our own decoder, common/qr-read.js, reads QR codes from the video frames. The decoder is loaded when a
 * scan starts, so the app's first load does not carry it. The video shows in `area` with a cancel button until
 * `onCodes` says a code was the one wanted (returns true) or the caller stops the scan.
 */
import { h, replace } from '../common/dom.js';

const MAX_SIDE = 640; // frames are scaled down to this before decoding: enough for a phone-held code, and quick

/**
 * What the camera can read in this browser: 'all' (BarcodeDetector), 'qr' (QR codes only, our decoder) or null
 * (no camera access).
 */
export function cameraReads() {
	if (!navigator.mediaDevices?.getUserMedia) return null;
	return 'BarcodeDetector' in window ? 'all' : 'qr';
}

/** A function reading the codes in a video frame, or null when none of `formats` can be read here. */
async function reader(formats) {
	if ('BarcodeDetector' in window) {
		const supported = await window.BarcodeDetector.getSupportedFormats?.().catch(() => []) ?? [];
		const usable = formats ? formats.filter((f) => supported.includes(f)) : supported;
		if (usable.length) {
			const detector = new window.BarcodeDetector({ formats: usable });
			return async (video) => (await detector.detect(video)).map((c) => c.rawValue);
		}
	}
	if (formats && !formats.includes('qr_code')) return null;
	const { readQr } = await import('../common/qr-read.js');
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true });
	return async (video) => {
		const { videoWidth: width, videoHeight: height } = video;
		if (!width || !height) return [];
		const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		context.drawImage(video, 0, 0, canvas.width, canvas.height);
		const text = readQr(context.getImageData(0, 0, canvas.width, canvas.height));
		return text === null ? [] : [text];
	};
}

/**
 * Starts scanning; resolves to a stop function, or to null when the camera or a reader cannot be had.
 *
 * @param {{area: HTMLElement, formats?: string[], hint: string, cancel: string, videoLabel: string,
 *          every?: number, onCodes: (rawValues: string[]) => boolean|Promise<boolean>}} options
 */
export async function scanWithCamera({ area, formats, hint, cancel, videoLabel, every = 250, onCodes }) {
	let stream;
	let read;
	try {
		read = await reader(formats);
		if (!read) return null;
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
		let values = [];
		try {
			values = (await read(video)).filter(Boolean);
		} catch {
			values = [];
		}
		if (stopped) return;
		if (values.length && (await onCodes(values))) {
			stop();
			return;
		}
		timer = setTimeout(tick, every);
	};
	tick();
	return stop;
}
