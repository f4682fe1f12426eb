// Small browser helpers the portal calls through JS interop (kept in a file: the CSP allows no inline script).
window.arcPortal = {
    copy: function (text) {
        return navigator.clipboard.writeText(text);
    },
    download: function (fileName, text, type) {
        const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    },
    // Sends a page whose sign-in ended to the sign-in page, unless the person just submitted a form that is taking
    // them away (signing out ends the session, and the page learns it while the form's own answer is on its way).
    toSignIn: function (url) {
        const wait = leavingUntil - Date.now();
        if (wait > 0) setTimeout(function () { location.assign(url); }, wait);
        else location.assign(url);
    }
};

let leavingUntil = 0;
addEventListener("submit", function () { leavingUntil = Date.now() + 5000; }, true);

// Sortable column headers (SortableHeader.razor) are spans with the button role: Enter and Space press them as a
// button would be pressed.
addEventListener("keydown", function (event) {
    const target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target instanceof Element && target.matches(".mud-table-sort-label[role=button]")) {
        event.preventDefault();
        target.click();
    }
});

// The skip link moves the keyboard focus to the page's content, past the app bar and the navigation drawer; the
// router would otherwise treat "#main-content" as a navigation and only scroll.
addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest(".arc-skip-link") : null;
    if (!link) return;
    event.preventDefault();
    const main = document.getElementById("main-content");
    if (main) main.focus();
}, true);
