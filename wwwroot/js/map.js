// GPS tracks on a Leaflet map. The track is drawn whether or not map tiles load (the tile URL is configurable and may
// be empty, e.g. on a network without access to a tile server).
window.arcMap = (function () {
    const maps = {};

    function track(elementId, points, tileUrl, attribution) {
        const element = document.getElementById(elementId);
        if (!element || typeof L === "undefined") return false;
        if (maps[elementId]) maps[elementId].map.remove();
        const map = L.map(element, { preferCanvas: false, attributionControl: !!tileUrl });
        if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: attribution || "" }).addTo(map);
        const latLngs = points.map(p => [p[0], p[1]]);
        const line = L.polyline(latLngs, { color: "#0077b6", weight: 3 }).addTo(map);
        const marker = L.circleMarker(latLngs[latLngs.length - 1], { radius: 7, color: "#c62828", fillOpacity: 0.9 }).addTo(map);
        map.fitBounds(line.getBounds(), { padding: [20, 20] });
        maps[elementId] = { map: map, marker: marker, points: latLngs };
        return true;
    }

    function moveTo(elementId, index) {
        const entry = maps[elementId];
        if (!entry || index < 0 || index >= entry.points.length) return;
        entry.marker.setLatLng(entry.points[index]);
    }

    function fleet(elementId, vehicles, tileUrl, attribution) {
        const element = document.getElementById(elementId);
        if (!element || typeof L === "undefined") return false;
        if (maps[elementId]) maps[elementId].map.remove();
        const map = L.map(element, { attributionControl: !!tileUrl });
        if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: attribution || "" }).addTo(map);
        const markers = vehicles.map(v => L.circleMarker([v[1], v[2]], { radius: 6, color: "#0077b6", fillOpacity: 0.8 })
            .bindTooltip(v[0]).addTo(map));
        if (markers.length > 0) map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [30, 30], maxZoom: 14 });
        else map.setView([44.0521, -123.0868], 11);
        maps[elementId] = { map: map, marker: null, points: [] };
        return true;
    }

    function dispose(elementId) {
        if (maps[elementId]) {
            maps[elementId].map.remove();
            delete maps[elementId];
        }
    }

    return { track: track, moveTo: moveTo, fleet: fleet, dispose: dispose };
})();
