/**
 * Leaflet maps for the apps. Tiles come from /api/v1/settings and often fail (no internet): markers are
 * circle markers drawn in SVG, so they need no image and show on the container's plain background.
 */
import * as L from 'leaflet';

export const KRAKOW_CENTRE = Object.freeze([50.0617, 19.9373]);

export const COLORS = Object.freeze({ open: '#1b7f3b', closed: '#b3261e', archived: '#6b6b6b', you: '#1a56db' });

export function createMap(element, settings, { center = KRAKOW_CENTRE, zoom = 13 } = {}) {
	// no zoom/fade animations: a screen may remove its map at any moment (route change), and Leaflet throws when a
	// map is removed mid-animation
	const map = L.map(element, { center, zoom, scrollWheelZoom: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
	if (settings?.tileUrl) {
		L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: settings.tileAttribution || '' }).addTo(map);
	}
	return map;
}

/** A round marker with a white rim; `label` becomes its tooltip. */
export function dot([lat, lon], { color, radius = 9, label } = {}) {
	const marker = L.circleMarker([lat, lon], { radius, color: '#ffffff', weight: 2, fillColor: color, fillOpacity: 0.95 });
	if (label) marker.bindTooltip(label);
	return marker;
}

/** Fits the map to the given [lat, lon] points; keeps the view when there are none. */
export function fit(map, points, maxZoom = 15) {
	if (!points.length) return;
	if (points.length === 1) {
		map.setView(points[0], maxZoom);
		return;
	}
	map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom });
}

export { L };
