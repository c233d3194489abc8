// Wire the docked side panel: which page it shows (settings, the math, the class)
// and whether it is folded to its toggle.
//
// One page at a time; pressing the shown page's button again goes back to the settings
// (or, on the settings, folds the panel), and the toggle folds and unfolds it. The stage beside it re-lays itself out (css/screen.css), so opening a
// page never pushes the network, the plot or the curve off the screen.
// Non-goal: the pages' contents (their own modules fill them).

const $ = (id) => document.getElementById(id);

/** Wire the dock; `onChange(name, folded)` after every change. Returns { show(name), fold(bool), current(), folded() }. */
export function wireDock(onChange = () => {}) {
  const dock = $("dock");
  const buttons = [...$("dock-switch").querySelectorAll("button[data-panel]")];
  const pages = new Map(buttons.map((b) => [b.dataset.panel, $(b.getAttribute("aria-controls"))]));
  let current = "settings";
  let folded = false;

  function update() {
    dock.dataset.panel = folded ? "" : current;
    dock.classList.toggle("is-folded", folded);
    $("dock-toggle").setAttribute("aria-expanded", String(!folded));
    for (const b of buttons) b.setAttribute("aria-pressed", String(!folded && b.dataset.panel === current));
    for (const [name, page] of pages) page.hidden = folded || name !== current;
    onChange(current, folded);
  }

  for (const b of buttons) {
    b.addEventListener("click", () => {
      // Pressing the shown page's button goes back to the settings (or folds them).
      if (!folded && current === b.dataset.panel) {
        if (current === "settings") folded = true;
        else current = "settings";
      } else {
        current = b.dataset.panel;
        folded = false;
      }
      update();
    });
  }
  $("dock-toggle").addEventListener("click", () => {
    folded = !folded;
    update();
  });

  return {
    /** Show page `name` (unfolding the panel). */
    show(name) {
      if (!pages.has(name)) return;
      current = name;
      folded = false;
      update();
    },
    fold(on) {
      folded = Boolean(on);
      update();
    },
    current: () => current,
    folded: () => folded,
  };
}
