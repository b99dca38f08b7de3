// Typing in the "Other amount" box selects "Another amount"; choosing a suggested amount empties the box.
// The server reads it the same way: a filled box wins over any suggested amount.
// After "Review pledge" the review box is brought into view (on a phone it sits above the form, off screen); after an
// error, the first field to correct takes the focus, and the summary above the form lists every error.
document.addEventListener("DOMContentLoaded", () => {
    const review = document.getElementById("review");
    const firstInvalid = document.querySelector("[aria-invalid='true']");
    if (review) {
        review.focus({ preventScroll: true });
        review.scrollIntoView({ block: "start" });
    } else if (firstInvalid) {
        firstInvalid.focus();
    }

    const other = document.getElementById("other-amount");
    const otherChoice = document.getElementById("amount-other");
    if (!other || !otherChoice) {
        return;
    }

    other.addEventListener("input", () => {
        if (other.value.trim() !== "") {
            otherChoice.checked = true;
        }
    });
    for (const preset of document.querySelectorAll("input[name='Form.Choice']")) {
        preset.addEventListener("change", () => {
            if (preset !== otherChoice && preset.checked) {
                other.value = "";
            }
        });
    }
});
