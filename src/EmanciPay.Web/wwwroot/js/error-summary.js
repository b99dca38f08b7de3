// After a form is refused, the summary of what to correct takes the focus, so a screen reader reads it and a phone
// scrolls to it; each of its links leads to its field.
document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("error-summary")?.focus();
});
