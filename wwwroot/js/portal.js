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
