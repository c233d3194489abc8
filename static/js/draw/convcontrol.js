// The settings' editor of an image network's convolution layers, and its on/off switches.
//
// buildConv: one row per layer, "Layer 1: − 8 filters + · 3×3", with buttons to add or
// remove a layer; each click sends the whole new list (fields.editConv), so the server
// refuses or restarts once. buildToggle: a checkbox for a boolean setting.
// Same shape as draw/controls.js's widgets: { input, show(value) }.
import { editConv } from "../fields.js";
import { element } from "./dom.js";


/** A checkbox; `input` is the box itself (its label is the control's). */
export function buildToggle(spec, onChange) {
  const input = Object.assign(element("input"), { type: "checkbox", id: `control-${spec.name}`, name: spec.name });
  input.addEventListener("change", () => onChange(spec.name, input.checked));
  return { input, show: (value) => { input.checked = Boolean(value); } };
}

function button(text, label, onClick) {
  const b = Object.assign(element("button", "btn btn-round", text), { type: "button" });
  b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

/** The conv layers editor; `input` is a fieldset that disables all its buttons at once. */
export function buildConv(spec, onChange) {
  const input = Object.assign(element("fieldset", "conv-editor"), { id: `control-${spec.name}` });
  const rows = element("ol", "conv-rows");
  const add = Object.assign(element("button", "btn btn-quiet", "Add convolution"), { type: "button" });
  const remove = Object.assign(element("button", "btn btn-quiet", "Remove the last"), { type: "button" });
  const tools = element("div", "conv-tools");
  tools.append(add, remove);
  input.append(rows, tools);
  let layers = [];
  const send = (action, index) => {
    const next = editConv(layers, action, index, spec.limits);
    if (JSON.stringify(next) !== JSON.stringify(layers)) onChange(spec.name, next);
  };
  add.addEventListener("click", () => send("add-layer"));
  remove.addEventListener("click", () => send("remove-layer"));

  function show(value) {
    layers = Array.isArray(value) ? value.map((layer) => ({ ...layer })) : [];
    rows.replaceChildren(...layers.map((layer, i) => {
      const row = element("li", "conv-row");
      const count = element("span", "conv-filters", `${layer.filters} ${layer.filters === 1 ? "filter" : "filters"}`);
      const kernel = Object.assign(element("button", "btn btn-quiet conv-kernel", `${layer.kernel}×${layer.kernel}`), { type: "button" });
      kernel.setAttribute("aria-label", `Layer ${i + 1} kernel ${layer.kernel}×${layer.kernel}: change`);
      kernel.addEventListener("click", () => send("kernel", i));
      row.append(element("span", "conv-name", `Layer ${i + 1}`),
        button("−", `Layer ${i + 1}: one filter fewer`, () => send("remove-filter", i)), count,
        button("+", `Layer ${i + 1}: one filter more`, () => send("add-filter", i)), kernel);
      return row;
    }));
    if (!layers.length) rows.append(element("li", "conv-row conv-none", "None: a dense network on the pixels"));
    add.disabled = layers.length >= spec.limits.maxLayers;
    remove.disabled = !layers.length;
  }
  return { input, show };
}
