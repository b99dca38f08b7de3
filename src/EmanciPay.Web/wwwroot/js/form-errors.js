// After the server refuses a form, the page comes back with the focus at its top, far from what to correct (on a
// phone, screens away). Unless the page's own script has placed the focus already, the first field marked
// aria-invalid takes it: a screen reader reads its label and then its error (aria-describedby).
document.addEventListener("DOMContentLoaded", () => {
    if (document.activeElement && document.activeElement !== document.body) {
        return;
    }

    document.querySelector("main [aria-invalid='true']")?.focus();
});
