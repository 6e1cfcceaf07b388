/*
 * Draws a QR module matrix as a camera might see it, for QrReadBrowserTest: `rows` are strings of 0/1 (1 dark);
 * the symbol with a 4-module quiet zone is placed on a grey background, turned, its corners pulled about for
 * perspective, then blurred, dimmed and noised. Returns an ImageData of the picture, drawn on a canvas when there
 * is a document (and in Node, for working on the reader, a plain object of the same shape).
 */
globalThis.renderQr = (rows, {
	width = 640, height = 480, module = 4, angle = 0, skew = 0, blur = 0, noise = 0, dark = 20, light = 235,
	background = 128, inverted = false, seed = 1, x = 0.5, y = 0.5,
} = {}) => {
	let state = seed >>> 0 || 1;
	const random = () => { // xorshift32: the same picture for the same seed
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 4294967296;
	};
	const n = rows.length;
	const total = n + 8;
	const half = (total * module) / 2;
	const turn = (angle * Math.PI) / 180;
	const corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([sx, sy]) => {
		const px = sx * half + (random() * 2 - 1) * skew * half * 2;
		const py = sy * half + (random() * 2 - 1) * skew * half * 2;
		return [width * x + px * Math.cos(turn) - py * Math.sin(turn), height * y + px * Math.sin(turn) + py * Math.cos(turn)];
	});
	// the homography from picture to symbol coordinates (0..total), solved from the four corners
	const from = corners.flat();
	const to = [0, 0, total, 0, total, total, 0, total];
	const a = [];
	for (let i = 0; i < 4; i++) {
		const [px, py, u, v] = [from[2 * i], from[2 * i + 1], to[2 * i], to[2 * i + 1]];
		a.push([px, py, 1, 0, 0, 0, -px * u, -py * u, u], [0, 0, 0, px, py, 1, -px * v, -py * v, v]);
	}
	for (let c = 0; c < 8; c++) {
		let p = c;
		for (let r = c + 1; r < 8; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
		[a[c], a[p]] = [a[p], a[c]];
		for (let r = 0; r < 8; r++) {
			if (r === c) continue;
			const f = a[r][c] / a[c][c];
			for (let k = c; k < 9; k++) a[r][k] -= f * a[c][k];
		}
	}
	const h = a.map((row, i) => row[8] / row[i]);
	const [ink, paper] = inverted ? [light, dark] : [dark, light];
	const grey = new Float32Array(width * height);
	const S = 3; // 3x3 samples a pixel
	for (let py = 0; py < height; py++) {
		for (let px = 0; px < width; px++) {
			let sum = 0;
			for (let j = 0; j < S; j++) {
				for (let i = 0; i < S; i++) {
					const sx = px + (i + 0.5) / S;
					const sy = py + (j + 0.5) / S;
					const z = h[6] * sx + h[7] * sy + 1;
					const mx = (h[0] * sx + h[1] * sy + h[2]) / z;
					const my = (h[3] * sx + h[4] * sy + h[5]) / z;
					if (mx < 0 || my < 0 || mx >= total || my >= total) {
						sum += background;
					} else {
						const cx = Math.floor(mx) - 4;
						const cy = Math.floor(my) - 4;
						sum += cx >= 0 && cy >= 0 && cx < n && cy < n && rows[cy][cx] === '1' ? ink : paper;
					}
				}
			}
			grey[py * width + px] = sum / (S * S);
		}
	}
	// blur: a box filter of radius `blur`, twice across and twice down (close to a Gaussian)
	const r = Math.round(blur);
	if (r > 0) {
		const tmp = new Float32Array(grey.length);
		for (let pass = 0; pass < 4; pass++) {
			const across = pass % 2 === 0;
			const src = pass % 2 === 0 ? grey : tmp;
			const dst = pass % 2 === 0 ? tmp : grey;
			for (let py = 0; py < height; py++) {
				for (let px = 0; px < width; px++) {
					let sum = 0;
					let count = 0;
					for (let k = -r; k <= r; k++) {
						const qx = across ? px + k : px;
						const qy = across ? py : py + k;
						if (qx >= 0 && qy >= 0 && qx < width && qy < height) {
							sum += src[qy * width + qx];
							count++;
						}
					}
					dst[py * width + px] = sum / count;
				}
			}
		}
	}
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < grey.length; i++) {
		const v = grey[i] + (noise ? (random() * 2 - 1) * noise : 0);
		data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = v;
		data[4 * i + 3] = 255;
	}
	if (typeof document === 'undefined') return { data, width, height };
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d', { willReadFrequently: true });
	context.putImageData(new ImageData(data, width, height), 0, 0);
	return context.getImageData(0, 0, width, height);
};
