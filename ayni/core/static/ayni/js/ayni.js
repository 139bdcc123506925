// Small progressive enhancements; every page works without them.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
  // Guard against double submission of the same form.
  if (!event.defaultPrevented && form.method.toLowerCase() === "post" && !form.hasAttribute("hx-post")) {
    if (form.dataset.submitted === "yes") {
      event.preventDefault();
    } else {
      form.dataset.submitted = "yes";
    }
  }
});
