// On a phone a wide table scrolls sideways inside the page (site.css). A keyboard can scroll it only if something in
// it takes the focus, so a table that is wider than its box and holds no link or button becomes a tab stop itself.
(() => {
    const focusable = "a[href], button, input, select, textarea, summary, [tabindex]:not(table)";
    const mark = () => {
        for (const table of document.querySelectorAll("main table:not(.stack-table)")) {
            const scrolls = table.scrollWidth > table.clientWidth + 1 && !table.querySelector(focusable);
            if (scrolls) {
                table.tabIndex = 0;
            } else {
                table.removeAttribute("tabindex");
            }
        }
    };
    document.addEventListener("DOMContentLoaded", mark);
    window.addEventListener("resize", mark);
})();
