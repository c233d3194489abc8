// Wire the drawing pad's pointer (mouse, pen or finger) and the output panel's two panes.
//
// Strokes go onto the pad's fine grid (images/pad.js) in its own coordinates; the caller
// hears of each change (to redraw and to re-run the network on the new picture).
// Non-goal: what the pad shows (draw/imageview.js).
import { stroke } from "../images/pad.js";

const $ = (id) => document.getElementById(id);

/** `pad()` is the pad now; `onStart()` before a stroke, `onInk()` after every move. */
export function wirePadPointer(canvas, { pad, onStart, onInk }) {
  let last = null;
  const at = (event) => {
    const rect = canvas.getBoundingClientRect();
    const side = pad().side;
    return { x: ((event.clientX - rect.left) / rect.width) * side, y: ((event.clientY - rect.top) / rect.height) * side };
  };
  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    onStart();
    last = at(event);
    stroke(pad(), last, last);
    onInk();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = at(event);
    stroke(pad(), last, next);
    last = next;
    onInk();
  });
  for (const end of ["pointerup", "pointercancel"]) canvas.addEventListener(end, () => { last = null; });
}

const PANES = [["image-tab-image", "image-pane"], ["image-tab-test", "test-pane"]];

/** The output panel's Image / Test set buttons: one pane at a time; `onChange()` after. */
export function wireImagePanes(onChange) {
  for (const [tab] of PANES) {
    $(tab).addEventListener("click", () => {
      for (const [other, pane] of PANES) {
        $(other).setAttribute("aria-pressed", String(other === tab));
        $(pane).hidden = other !== tab;
      }
      onChange();
    });
  }
}
