// Editor preview only (loaded under `zola serve`, which `explainer serve` runs): a "Copy"
// button on every settings snippet, which puts the snippet's text on the clipboard. The text is
// read with textContent and never parsed as HTML. Without JavaScript the snippet can still be
// selected and copied by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll(".edit-snippet pre"), function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "edit-copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Select the text to copy it";
      });
    });
    pre.parentNode.insertBefore(button, pre);
  });
})();
