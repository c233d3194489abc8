// Wire the keyboard shortcuts (keys.js decides which key means what).

import { shortcutFor } from "../keys.js";

/** Widgets whose arrow keys are their own (marked in the page with data-arrows). */
export function arrowsTaken(target) {
  return Boolean(target?.closest?.("[data-arrows]"));
}

/** Call act("toggle" | "step" | "reset") for shortcut keys pressed on the page. */
export function wireKeyboard(act) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
    const { target } = event;
    const action = shortcutFor({
      key: event.key, repeat: event.repeat, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey,
      target: { tagName: target.tagName, type: target.type, role: target.getAttribute?.("role"), isContentEditable: target.isContentEditable },
      arrowsTaken: arrowsTaken(target),
    });
    if (!action) return;
    event.preventDefault(); // Space on a button: play or pause, not a click on the button
    act(action);
  });
}
