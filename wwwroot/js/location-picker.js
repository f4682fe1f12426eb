// A location's position on the portal's map. The map comes from arcMap.create, so it has the same base layer (or the
// same plain grid) as every other map; a click puts the marker there and tells the component, and a typed position
// moves the marker. Loaded as a module by LocationPositionPicker.razor.
const pickers = {};

export function show(elementId, lat, lng, tileUrl, attribution, component) {
    const map = window.arcMap && window.arcMap.create(elementId, tileUrl, attribution);
    if (!map) return false;
    const entry = { map: map, marker: null };
    pickers[elementId] = entry;
    place(entry, lat, lng, true);
    map.on("click", function (e) {
        const ll = e.latlng.wrap();
        place(entry, ll.lat, ll.lng, false);
        component.invokeMethodAsync("Picked", Number(ll.lat.toFixed(7)), Number(ll.lng.toFixed(7)));
    });
    return true;
}

export function moveTo(elementId, lat, lng) {
    const entry = pickers[elementId];
    if (entry) place(entry, lat, lng, true);
}

function place(entry, lat, lng, centre) {
    if (lat === null || lng === null || lat === undefined || lng === undefined) {
        if (entry.marker) { entry.marker.remove(); entry.marker = null; }
        if (centre) entry.map.setView([20, 0], 2);
        return;
    }
    if (!entry.marker) {
        entry.marker = L.circleMarker([lat, lng], { radius: 8, className: "arc-track-here", weight: 3, fillOpacity: 1 })
            .bindTooltip(document.createTextNode("The location's position")).addTo(entry.map);
    } else entry.marker.setLatLng([lat, lng]);
    if (centre) entry.map.setView([lat, lng], Math.max(entry.map.getZoom() || 0, 13));
}

export function dispose(elementId) {
    if (pickers[elementId]) {
        pickers[elementId].map.remove();
        delete pickers[elementId];
    }
}
