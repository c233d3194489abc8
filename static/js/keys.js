// Keyboard shortcuts: Space plays or pauses, → steps, R resets.
//
// shortcutFor() only decides; ui/keyboard.js listens and acts. Space plays or pauses
// whatever button has focus (after clicking "Projector mode", Space must not turn it off
// again); only text boxes, menus, checkboxes and radio buttons keep their own keys, and
// arrows stay with widgets that use them (the network drawing, tab lists, the backprop pane).
// Non-goal: configurable bindings.

const TEXT_INPUTS = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "time", "datetime-local", "month", "week"]);
const OWN_SPACE = new Set(["checkbox", "radio"]);
const MENU_ROLES = new Set(["menu", "menubar", "menuitem", "listbox", "option", "combobox", "textbox", "spinbutton"]);

/**
 * Whether the element described by `target` = { tagName, type, role, isContentEditable }
 * keeps `key` for itself: text entry keeps every key, menus and selects too, checkboxes
 * and radio buttons keep Space.
 */
export function keepsKey(target, key) {
  const tag = String(target.tagName ?? "").toUpperCase();
  const type = String(target.type || "text").toLowerCase(); // an input's type defaults to text
  if (target.isContentEditable || tag === "TEXTAREA" || tag === "SELECT" || MENU_ROLES.has(target.role)) return true;
  if (tag !== "INPUT") return false;
  if (TEXT_INPUTS.has(type)) return true;
  return OWN_SPACE.has(type) && key === " ";
}

/**
 * Action of a keydown: "toggle", "step", "reset" or null.
 * `key` is KeyboardEvent.key; `target` = { tagName, type, role, isContentEditable };
 * `arrowsTaken` when the focus is in a widget that moves with the arrows.
 */
export function shortcutFor({ key, target = {}, ctrlKey = false, metaKey = false, altKey = false, repeat = false, arrowsTaken = false }) {
  if (ctrlKey || metaKey || altKey || keepsKey(target, key)) return null;
  if (key === " " || key === "Spacebar") return repeat ? null : "toggle";
  if (key === "ArrowRight") return arrowsTaken || String(target.tagName ?? "").toUpperCase() === "INPUT" ? null : "step";
  if ((key === "r" || key === "R") && !repeat) return "reset";
  return null;
}
