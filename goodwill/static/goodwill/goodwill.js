// Behaviour that used to sit in inline handlers: the Content-Security-Policy forbids inline script.
// A <select data-autosubmit> submits its form when it changes (language switch, list filters).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
