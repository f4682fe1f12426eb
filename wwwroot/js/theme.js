// Remembers the light/dark choice in the browser (no inline script: the CSP allows only files from this site).
window.arcTheme = {
    load: function () {
        return window.localStorage.getItem("arc.darkMode") === "true";
    },
    save: function (dark) {
        window.localStorage.setItem("arc.darkMode", dark ? "true" : "false");
    }
};
