// Vehicle positions on a Leaflet map. Without a tile server configured the map draws the offline base map the portal
// ships (js/atlas.js: land, coasts, country and US state borders), so a factory network with no way out still shows
// where a vehicle is; if even that cannot be loaded it falls back to a plain grid that says so. Colours come from
// css/map.css, keyed on the shapes' and marks' classes, so the map follows the theme when <html class="arc-dark"> is
// toggled, with no redraw. The element's data-base-map says which base was drawn: tiles, atlas or grid.
// Everything a vehicle reports is placed as text (textContent, text nodes), never as HTML.
window.arcMap = (function () {
    const maps = {};

    function create(elementId, tileUrl, attribution) {
        const element = document.getElementById(elementId);
        if (!element || typeof L === "undefined") return null;
        dispose(elementId);
        const map = L.map(element);
        if (tileUrl) {
            L.tileLayer(tileUrl, { maxZoom: 19, attribution: attribution || "" }).addTo(map);
            element.setAttribute("data-base-map", "tiles");
        } else {
            offlineBase(map, element);
        }
        return map;
    }

    function offlineBase(map, element) {
        element.classList.add("arc-map-offline");
        let removed = false;
        map.on("unload", function () { removed = true; });
        if (typeof arcAtlas === "undefined") {
            plainGrid(map, element);
            return;
        }
        arcAtlas.load().then(function (shapes) {
            if (removed) return;
            arcAtlas.draw(map, shapes);
            map.attributionControl.addAttribution(arcAtlas.attribution);
            element.setAttribute("data-base-map", "atlas");
        }, function () {
            if (!removed) plainGrid(map, element);
        });
    }

    // A grid in a pane of its own moves with the map while it is dragged, so the empty background still reads as a map.
    function plainGrid(map, element) {
        element.classList.add("arc-map-plain");
        element.setAttribute("data-base-map", "grid");
        const pane = map.createPane("arcGrid");
        pane.style.zIndex = 150;
        pane.style.pointerEvents = "none";
        L.DomUtil.create("div", "arc-map-grid", pane);
        const note = L.control({ position: "bottomleft" });
        note.onAdd = function () {
            const div = L.DomUtil.create("div", "arc-map-note");
            div.textContent = "The base map could not be loaded: positions are drawn on a plain grid";
            return div;
        };
        note.addTo(map);
    }

    function text(parent, tag, className, value) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        node.textContent = value;
        parent.appendChild(node);
        return node;
    }

    // The card a fleet marker opens: VIN, last report, what it reported, and the way to the vehicle's page.
    function card(v) {
        const div = document.createElement("div");
        div.className = "arc-map-card";
        div.setAttribute("data-testid", "map-card");
        text(div, "strong", "arc-vin", v.vin);
        [v.reported, v.charge, v.odometer].filter(Boolean).forEach(function (line) { text(div, "div", null, line); });
        const link = text(div, "a", "arc-map-card-link", "Open the vehicle");
        // Only the portal's own vehicle pages: the address is built by the server, this keeps it that way.
        link.href = /^vehicles\/[^/]+$/.test(v.href) ? v.href : "vehicles";
        return div;
    }

    function fleet(elementId, vehicles, tileUrl, attribution) {
        const map = create(elementId, tileUrl, attribution);
        if (!map) return false;
        const markers = vehicles.map(function (v) {
            const icon = L.divIcon({ className: "arc-marker arc-marker-" + (v.state === "recent" ? "recent" : "quiet"), iconSize: [16, 16] });
            // title gives the keyboard-focusable marker its name; Leaflet sets it as a property, not as markup.
            return L.marker([v.lat, v.lng], { icon: icon, title: v.vin, keyboard: true })
                .bindPopup(card(v), { minWidth: 180 }).addTo(map);
        });
        if (markers.length > 0) map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [30, 30], maxZoom: 14 });
        else map.setView([44.0521, -123.0868], 11);
        maps[elementId] = { map: map, marker: null, points: [] };
        return true;
    }

    function labelled(latLng, className, label, radius) {
        return L.circleMarker(latLng, { radius: radius, className: className, weight: 2, fillOpacity: 1 })
            .bindTooltip(document.createTextNode(label));
    }

    // points: [lat, lng]; times: the matching labels ("2026-12-01 10:02 UTC"), used for the start and end marks.
    function track(elementId, points, tileUrl, attribution, times) {
        const map = create(elementId, tileUrl, attribution);
        if (!map) return false;
        const latLngs = points.map(function (p) { return [p[0], p[1]]; });
        const line = L.polyline(latLngs, { className: "arc-track-line", weight: 3 }).addTo(map);
        const labels = times || [];
        labelled(latLngs[0], "arc-track-start", "Start" + (labels[0] ? " · " + labels[0] : ""), 7).addTo(map);
        labelled(latLngs[latLngs.length - 1], "arc-track-end", "End" + (labels[latLngs.length - 1] ? " · " + labels[latLngs.length - 1] : ""), 10).addTo(map);
        // Smaller than the end mark, which it starts on, so both stay visible.
        const marker = L.circleMarker(latLngs[latLngs.length - 1], { radius: 5, className: "arc-track-here", weight: 3, fillOpacity: 1 }).addTo(map);
        map.fitBounds(line.getBounds(), { padding: [20, 20] });
        maps[elementId] = { map: map, marker: marker, points: latLngs };
        return true;
    }

    function moveTo(elementId, index) {
        const entry = maps[elementId];
        if (!entry || !entry.marker || index < 0 || index >= entry.points.length) return;
        entry.marker.setLatLng(entry.points[index]);
    }

    function dispose(elementId) {
        if (maps[elementId]) {
            maps[elementId].map.remove();
            delete maps[elementId];
        }
    }

    return { track: track, moveTo: moveTo, fleet: fleet, dispose: dispose, card: card, create: create };
})();
