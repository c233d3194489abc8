// Wire the "Tools" button: on a projector and a phone the tools row folds behind it and
// drops down over the page (css/projector.css, css/phone.css); elsewhere it is not shown.
//
// The drop-down closes after a tool is used, on Escape and on a click elsewhere.

const $ = (id) => document.getElementById(id);

/** Wire the toggle; returns { close() }. */
export function wireToolbar() {
  const topbar = document.querySelector(".topbar");
  const toggle = $("tools-toggle");
  const tools = $("tools");

  function setOpen(open) {
    topbar.classList.toggle("tools-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  }
  toggle.addEventListener("click", () => setOpen(!topbar.classList.contains("tools-open")));
  tools.addEventListener("click", (event) => {
    if (event.target.closest("button") && getComputedStyle(toggle).display !== "none") setOpen(false);
  });
  tools.addEventListener("change", () => setOpen(false)); // a lesson file was chosen
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && topbar.classList.contains("tools-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
  document.addEventListener("pointerdown", (event) => {
    if (!topbar.contains(event.target)) setOpen(false);
  });
  return { close: () => setOpen(false) };
}
