// Keyboard shortcuts: Space plays or pauses, → steps, R resets.
//
// shortcutFor() only decides; main.js listens and acts. Keys typed into a
// text field, a number box, a select or a slider stay theirs, and Space on a
// focused button keeps pressing that button (the browser's own behaviour).
// Non-goal: configurable bindings.

const TYPING_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA"]);

/**
 * Action of a keydown: "toggle", "step", "reset" or null.
 * `key` is KeyboardEvent.key; `target` = { tagName, isContentEditable };
 * `modifiers` = any of ctrlKey, metaKey, altKey pressed.
 */
export function shortcutFor({ key, target = {}, ctrlKey = false, metaKey = false, altKey = false, repeat = false }) {
  if (ctrlKey || metaKey || altKey) return null;
  const tag = String(target.tagName ?? "").toUpperCase();
  if (TYPING_TAGS.has(tag) || target.isContentEditable) return null;
  if (key === " " || key === "Spacebar") return tag === "BUTTON" || repeat ? null : "toggle";
  if (key === "ArrowRight") return "step";
  if ((key === "r" || key === "R") && !repeat) return "reset";
  return null;
}
