// The light/dark choice lives in a cookie, so the server draws the first paint of every page in the chosen theme
// (a choice kept only in the browser's storage is read too late: the page painted light, then flipped).
function arcThemeCookie(dark) {
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = "arc-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax" + secure;
}

window.arcTheme = {
    save: function (dark) {
        arcThemeCookie(dark);
        document.documentElement.classList.toggle("arc-dark", dark);
    }
};

// Earlier versions kept the choice in localStorage; it moves to the cookie once and takes effect from the next page.
if (window.localStorage.getItem("arc.darkMode") !== null) {
    if (!document.cookie.split("; ").some(function (c) { return c.indexOf("arc-theme=") === 0; }))
        arcThemeCookie(window.localStorage.getItem("arc.darkMode") === "true");
    window.localStorage.removeItem("arc.darkMode");
}
