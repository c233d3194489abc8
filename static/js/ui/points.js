// Wire "Draw points", "Erase" and "Clear all": pointer on the output plane → add_points / erase_points.
//
// Pointer events, so mouse, pen and touch all work. The label of a new point
// comes from the class select (±1, or 0 … k − 1) or, for regression, the
// value slider; the set from "Add to". Coordinates come from layout.dataPoint.
import { dataPoint } from "../layout.js";
import { currentPalette } from "../colors.js";
import { pointLabelChoices } from "../outputs.js";
import { throttle } from "../throttle.js";

const ERASE_RADIUS = 0.5; // data units
const $ = (id) => document.getElementById(id);

/** Wire the tools; `ctx` = { state, client, surface, schedule, error(message) }. Returns { refresh(kind, classes, empty) }. */
export function wirePoints({ state, client, surface, schedule, error }) {
  let mode = "view";
  let choicesKey = [];
  let wasEmpty = false;

  const where = (event) => {
    const box = surface.getBoundingClientRect();
    return dataPoint(state.domain, box.width, event.clientX - box.left, event.clientY - box.top);
  };

  async function send(event, payload) {
    const ack = await client.send(event, payload);
    if (!ack.ok) error(ack.error?.message ?? "Refused by the server.");
    schedule();
  }

  function label() {
    return $("draw-value-box").hidden ? Number($("draw-class").value) : Number($("draw-value").value);
  }

  const erase = throttle((x1, x2) => send("erase_points", { x1, x2, radius: ERASE_RADIUS }), 120);

  surface.addEventListener("pointerdown", (event) => {
    if (mode === "view" || !state.connected) return;
    event.preventDefault();
    const [x1, x2] = where(event);
    if (mode === "draw") send("add_points", { points: [[x1, x2, label()]], set: $("draw-set").value });
    else {
      surface.setPointerCapture?.(event.pointerId);
      erase(x1, x2);
    }
  });
  surface.addEventListener("pointermove", (event) => {
    if (mode === "erase" && event.buttons & 1) erase(...where(event));
  });

  function setMode(next) {
    mode = next;
    document.querySelector(`input[name="pointer-mode"][value="${next}"]`).checked = true;
    $("draw-options").hidden = mode !== "draw";
    surface.classList.toggle("is-drawing", mode !== "view");
    surface.dataset.mode = mode;
  }
  for (const radio of document.querySelectorAll('input[name="pointer-mode"]')) {
    radio.addEventListener("change", () => setMode(radio.value));
  }
  // "Clear all": one eraser as large as the plane (the server keeps the run, paused, until new points come).
  $("clear-points").addEventListener("click", () => send("erase_points", { x1: 0, x2: 0, radius: 2 * state.domain }));
  $("draw-value").addEventListener("input", () => {
    $("draw-value-output").textContent = Number($("draw-value").value).toFixed(1);
  });

  return {
    /**
     * Offer the labels of output `kind` with `classes` classes; when `empty` (your own
     * points, none yet) the pointer draws, since drawing is all there is to do.
     */
    refresh(kind, classes, empty = false) {
      if (empty && !wasEmpty && mode === "view") setMode("draw");
      wasEmpty = empty;
      const key = [kind, classes, currentPalette()]; // the labels name the palette's colours
      if (key.every((part, k) => part === choicesKey[k])) return;
      choicesKey = key;
      const choices = pointLabelChoices(kind, classes);
      $("draw-value-box").hidden = choices.kind !== "value";
      $("draw-class-box").hidden = choices.kind === "value";
      $("draw-class").replaceChildren(...choices.options.map((o) => Object.assign(document.createElement("option"), { value: String(o.value), textContent: o.label })));
    },
  };
}
