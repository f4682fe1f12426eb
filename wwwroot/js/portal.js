// Small browser helpers the portal calls through JS interop (kept in a file: the CSP allows no inline script).
window.arcPortal = {
    copy: function (text) {
        return navigator.clipboard.writeText(text);
    },
    download: function (fileName, text) {
        const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }
};
