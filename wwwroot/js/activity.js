// Tells the server that a person is using this page, at most once per interval, so that a session nobody uses times
// out even while a page stays open (pages that update themselves do not count as use).
(() => {
    const interval = Number(document.documentElement.dataset.activityInterval || 60000);
    let last = Date.now();
    function seen() {
        const now = Date.now();
        if (now - last < interval) return;
        last = now;
        fetch('account/activity', { method: 'POST', credentials: 'same-origin', headers: { 'X-Arc-Activity': '1' } }).catch(() => { });
    }
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'])
        addEventListener(type, seen, { passive: true, capture: true });
})();
