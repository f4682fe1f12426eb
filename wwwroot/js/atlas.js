// The offline base map: Natural Earth's countries (world-atlas, 1:50m) and the Census Bureau's US states (us-atlas,
// 1:10m), both public domain, served by the portal itself from lib/atlas (scripts/setup.sh copies them there). They
// ship as TopoJSON; the few lines below decode it rather than bringing in a client library for it
// (docs/decisions/0031-offline-base-map.md). Nothing here asks anything of a server other than the portal.
window.arcAtlas = (function () {
    const sources = { countries: "lib/atlas/countries-50m.json", states: "lib/atlas/states-10m.json" };
    let loading = null;

    // Arcs are delta-encoded integers on a grid (the topology's transform); Leaflet wants [latitude, longitude].
    function decodeArcs(topology) {
        const t = topology.transform;
        return topology.arcs.map(function (arc) {
            let x = 0, y = 0;
            return arc.map(function (p) {
                if (!t) return [p[1], p[0]];
                x += p[0];
                y += p[1];
                return [y * t.scale[1] + t.translate[1], x * t.scale[0] + t.translate[0]];
            });
        });
    }

    // A ring is a chain of arcs, a negative index (~i) meaning arc i walked backwards; consecutive arcs share a point.
    function ring(arcs, indexes) {
        const points = [];
        indexes.forEach(function (i, n) {
            const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
            for (let k = n === 0 ? 0 : 1; k < arc.length; k++) points.push(arc[k]);
        });
        return points;
    }

    // The files are stitched across the antimeridian (Russia, Fiji, Alaska's islands, Antarctica), which a flat map
    // would draw as lines across the world: longitudes are made continuous instead (a shape may reach past 180°).
    function unwrap(points) {
        const out = [];
        let shift = 0;
        points.forEach(function (p, i) {
            if (i > 0) {
                const step = p[1] + shift - out[i - 1][1];
                if (step > 180) shift -= 360;
                else if (step < -180) shift += 360;
            }
            out.push([p[0], p[1] + shift]);
        });
        // Placed so that it starts within the one world the map shows.
        const west = Math.min.apply(null, out.map(function (p) { return p[1]; }));
        const whole = Math.floor((west + 180) / 360) * 360;
        return whole === 0 ? out : out.map(function (p) { return [p[0], p[1] - whole]; });
    }

    // A ring that goes once around a pole (Antarctica's coast) is closed through that pole, so the land is what is filled.
    function closedRing(points) {
        const ringPoints = unwrap(points);
        const first = ringPoints[0], last = ringPoints[ringPoints.length - 1];
        if (Math.abs(last[1] - first[1]) > 180) {
            const pole = first[0] < 0 ? -90 : 90;
            ringPoints.push([pole, last[1]], [pole, first[1]]);
        }
        return ringPoints;
    }

    function polygons(arcs, geometry) {
        const shape = function (rings) { return rings.map(function (r) { return closedRing(ring(arcs, r)); }); };
        if (geometry.type === "Polygon") return [shape(geometry.arcs)];
        if (geometry.type === "MultiPolygon") return geometry.arcs.map(shape);
        return [];
    }

    function arcIndexes(geometry) {
        const flat = [];
        (function walk(a) { a.forEach(function (x) { if (Array.isArray(x)) walk(x); else flat.push(x < 0 ? ~x : x); }); })(geometry.arcs || []);
        return flat;
    }

    // The arcs two different shapes of a collection share: the borders between them, each drawn once.
    function sharedArcs(arcs, collection) {
        const owners = new Map();
        collection.geometries.forEach(function (geometry, g) {
            arcIndexes(geometry).forEach(function (i) {
                const seen = owners.get(i);
                owners.set(i, seen === undefined ? g : seen === g ? g : -1);
            });
        });
        const lines = [];
        owners.forEach(function (owner, i) { if (owner === -1) lines.push(unwrap(arcs[i])); });
        return lines;
    }

    // Cuts that only close a shape at the map's edge (the antimeridian, the south pole) are not coastline.
    function isEdgeCut(arc) {
        return arc.every(function (p) { return Math.abs(p[1]) > 179.99; }) || arc.every(function (p) { return p[0] < -89.9; });
    }

    function decode(world, us) {
        const worldArcs = decodeArcs(world);
        const usArcs = decodeArcs(us);
        const land = [];
        world.objects.land.geometries.forEach(function (g) { polygons(worldArcs, g).forEach(function (p) { land.push(p); }); });
        const coast = [];
        world.objects.land.geometries.forEach(function (g) {
            arcIndexes(g).forEach(function (i) { if (!isEdgeCut(worldArcs[i])) coast.push(unwrap(worldArcs[i])); });
        });
        return {
            land: land,
            coast: coast,
            borders: sharedArcs(worldArcs, world.objects.countries),
            states: sharedArcs(usArcs, us.objects.states),
        };
    }

    function json(url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) throw new Error(url + " answered " + response.status);
            return response.json();
        });
    }

    // Fetched and decoded once per page; a failure is forgotten so the next map tries again.
    function load() {
        if (!loading) {
            loading = Promise.all([json(sources.countries), json(sources.states)])
                .then(function (both) { return decode(both[0], both[1]); })
                .catch(function (e) { loading = null; throw e; });
        }
        return loading;
    }

    // Draws the shapes in a pane under every mark, as SVG paths whose colours come from css/map.css (so the theme applies).
    function draw(map, shapes) {
        const pane = map.getPane("arcAtlas") || map.createPane("arcAtlas");
        pane.style.zIndex = 150;
        pane.style.pointerEvents = "none";
        const renderer = L.svg({ pane: "arcAtlas", padding: 0.5 });
        const common = { renderer: renderer, interactive: false, pane: "arcAtlas" };
        L.polygon(shapes.land, Object.assign({ className: "arc-atlas-land", stroke: false, fillOpacity: 1 }, common)).addTo(map);
        L.polyline(shapes.coast, Object.assign({ className: "arc-atlas-coast", weight: 1 }, common)).addTo(map);
        L.polyline(shapes.borders, Object.assign({ className: "arc-atlas-border", weight: 1 }, common)).addTo(map);
        L.polyline(shapes.states, Object.assign({ className: "arc-atlas-state", weight: 1, dashArray: "4 3" }, common)).addTo(map);
    }

    return { load: load, draw: draw, decode: decode, attribution: "Natural Earth · US Census Bureau" };
})();
