// Typing in the "Other amount" box selects "Another amount"; choosing a suggested amount empties the box.
// The server reads it the same way: a filled box wins over any suggested amount.
document.addEventListener("DOMContentLoaded", () => {
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
