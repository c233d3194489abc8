// Wire the keyboard shortcuts (keys.js decides which key means what).

import { shortcutFor } from "../keys.js";

/** Call act("toggle" | "step" | "reset") for shortcut keys pressed on the page. */
export function wireKeyboard(act) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
    const action = shortcutFor({
      key: event.key, target: event.target, repeat: event.repeat,
      ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey,
    });
    if (!action) return;
    event.preventDefault();
    act(action);
  });
}
