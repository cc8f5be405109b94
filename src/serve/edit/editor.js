// The editor of `vanban serve --edit`. The forms work without it; it adds
// the picked citation to a citation list ("Thêm"), one a line.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-add-from]");
    if (!button) return;
    var from = document.getElementById(button.getAttribute("data-add-from"));
    var to = document.getElementById(button.getAttribute("data-add-to"));
    var value = from.value.trim();
    if (!value) { from.focus(); return; }
    to.value = to.value.trim() ? to.value.replace(/\s+$/, "") + "\n" + value : value;
    from.value = "";
    to.focus();
  });
})();
