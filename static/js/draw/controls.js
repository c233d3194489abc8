// Build the setting widgets from control specs (fields.controlSpecs) and show values.
//
// Every widget has a visible <label for> with its exact name, sliders show
// their value in an <output>, and each control has a place for the server's
// error. Kinds: "select", "range" (slider, throttled while dragged), "number" (a box,
// sent on change), "thumbnails" (radio buttons with pictures, drawn by
// draw/thumbnails.js), "toggle" and "conv" (draw/convcontrol.js). Changes go out through onChange(name, value).
import { throttle } from "../throttle.js";
import { buildConv, buildToggle } from "./convcontrol.js";

const SEND_INTERVAL_MS = 100;

function element(tag, props = {}, text) {
  const el = Object.assign(document.createElement(tag), props);
  if (text !== undefined) el.textContent = text;
  return el;
}

function buildSelect(spec, onChange) {
  const select = element("select", { id: `control-${spec.name}`, name: spec.name });
  for (const option of spec.options) select.append(element("option", { value: String(option.value) }, option.label));
  select.addEventListener("change", () => onChange(spec.name, spec.numeric ? Number(select.value) : select.value));
  const show = (value) => {
    const text = String(value);
    if (![...select.options].some((o) => o.value === text)) select.append(element("option", { value: text }, text));
    select.value = text;
  };
  /** Show only the options in `values` (all when undefined); disable those in `disabled`. */
  const narrow = (values, disabled = []) => {
    for (const option of select.options) {
      option.hidden = values !== undefined && !values.includes(option.value) && option.value !== select.value;
      option.disabled = disabled.includes(option.value);
    }
  };
  return { input: select, show, narrow };
}

/** A radio group of thumbnails (the data sets): each option a picture and its name. */
function buildThumbnails(spec, onChange, thumbnails) {
  const group = element("fieldset", { className: "thumbs", id: `control-${spec.name}` });
  group.append(element("legend", { className: "thumbs-legend" }, spec.label));
  const radios = spec.options.map((option) => {
    const radio = element("input", { type: "radio", name: spec.name, value: String(option.value), className: "thumb-radio" });
    const canvas = element("canvas", { className: "thumb-picture" });
    canvas.setAttribute("aria-hidden", "true");
    const label = element("label", { className: "thumb" });
    label.dataset.value = String(option.value);
    label.append(radio, canvas, element("span", { className: "thumb-name" }, option.label));
    group.append(label);
    radio.addEventListener("change", () => radio.checked && onChange(spec.name, radio.value));
    requestAnimationFrame(() => thumbnails?.paint(canvas, option.value, option.entry));
    return radio;
  });
  return {
    input: group,
    show: (value) => radios.forEach((r) => { r.checked = r.value === String(value); }),
    /** Show only the options in `values` (all when undefined), the checked one always. */
    narrow: (values) => radios.forEach((r) => { r.closest(".thumb").hidden = values !== undefined && !values.includes(r.value) && !r.checked; }),
  };
}

function buildNumber(spec, onChange) {
  const input = element("input", { type: "number", id: `control-${spec.name}`, name: spec.name, min: spec.min, max: spec.max, step: spec.step, inputMode: "numeric" });
  input.addEventListener("change", () => {
    if (input.value.trim() !== "") onChange(spec.name, Number(input.value));
  });
  return {
    input,
    show: (value) => {
      if (document.activeElement !== input) input.value = String(value);
    },
  };
}

function buildRange(spec, onChange, output) {
  const [min, max, step] = spec.scale.positions;
  const input = element("input", { type: "range", id: `control-${spec.name}`, name: spec.name, min, max, step });
  const valueOf = () => spec.scale.fromPosition(Number(input.value));
  const show = (value) => {
    output.textContent = spec.format(value);
    input.setAttribute("aria-valuetext", spec.format(value));
  };
  let lastSent = null;
  const send = throttle((value) => {
    if (value === lastSent) return;
    lastSent = value;
    onChange(spec.name, value);
  }, SEND_INTERVAL_MS);
  input.addEventListener("input", () => {
    show(valueOf());
    send(valueOf());
  });
  input.addEventListener("change", () => {
    send(valueOf());
    send.flush();
  });
  return {
    input,
    show: (value) => {
      // Never yank a slider out from under the pointer.
      if (!input.matches(":active")) input.value = String(spec.scale.toPosition(value));
      lastSent = value;
      show(value);
    },
  };
}

/**
 * Build the controls of `specs` into `containers[spec.group]`.
 * Returns { setView(view), setValues(settings), showError(field, message), clearError(field), setEnabled(bool) }.
 */
export function buildControls(containers, specs, { onChange, thumbnails }) {
  const widgets = new Map();
  let enabled = true;
  let locked = new Set(); // fields that do not apply now (setView): shown, not editable
  const applyDisabled = () => {
    for (const [name, widget] of widgets) {
      widget.input.disabled = !enabled || locked.has(name);
      widget.input.closest(".control").classList.toggle("is-locked", locked.has(name));
    }
  };
  for (const container of Object.values(containers)) container.replaceChildren();
  for (const spec of specs) {
    const container = containers[spec.group];
    if (!container) continue;
    const box = element("div", { className: "control" });
    box.dataset.field = spec.name;
    const head = element("div", { className: "control-head" });
    const label = element("label", { htmlFor: `control-${spec.name}` }, spec.label);
    const output = element("output", { htmlFor: `control-${spec.name}`, id: `value-${spec.name}` });
    const error = element("p", { className: "control-error", id: `error-${spec.name}`, hidden: true });
    error.setAttribute("role", "alert");
    const build = { select: buildSelect, number: buildNumber, thumbnails: buildThumbnails, toggle: buildToggle, conv: buildConv }[spec.kind];
    const widget = build ? build(spec, onChange, thumbnails) : buildRange(spec, onChange, output);
    head.append(label);
    if (spec.kind === "range") head.append(output);
    if (spec.kind === "thumbnails") box.append(widget.input, error); // its legend names it
    else if (spec.kind === "toggle") box.append(widget.input, label, error);
    else box.append(head, widget.input, error);
    if (spec.kind === "toggle") box.classList.add("control-inline");
    container.append(box);
    widgets.set(spec.name, { ...widget, error });
  }

  return {
    /** Apply fields.controlView(): hide fields, narrow and disable options. */
    setView(view) {
      for (const [name, widget] of widgets) {
        widget.input.closest(".control").hidden = view.hidden.includes(name);
        widget.narrow?.(view.options[name], view.disabled[name]);
      }
      locked = new Set(view.locked ?? []);
      applyDisabled();
    },
    setValues(settings) {
      for (const [name, widget] of widgets) {
        if (settings?.[name] !== undefined) widget.show(settings[name]);
      }
    },
    /** Show `message` next to the control named by `field` ("hidden_layers[0]" → hidden_layers). */
    showError(field, message) {
      const name = String(field).replace(/\[.*$/, "");
      const widget = widgets.get(name);
      const target = widget?.error ?? document.getElementById(`error-${name}`);
      if (!target) return false;
      target.textContent = message;
      target.hidden = false;
      return true;
    },
    /** The errors shown now: { field: message } (kept when the controls are rebuilt). */
    errors() {
      return Object.fromEntries([...widgets].filter(([, w]) => !w.error.hidden).map(([name, w]) => [name, w.error.textContent]));
    },
    clearError(field) {
      const name = String(field).replace(/\[.*$/, "");
      const target = widgets.get(name)?.error ?? document.getElementById(`error-${name}`);
      if (target) target.hidden = true;
    },
    setEnabled(on) {
      enabled = on;
      applyDisabled();
    },
  };
}
