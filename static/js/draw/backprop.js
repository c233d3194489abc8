// Draw the backpropagation pane: title, explanation, per-neuron and per-link tables.
//
// Takes a view from backprop.stepView() (the engine's numbers); shows them
// with 4 significant digits and exposes the full numbers as data attributes.
import { formatSig } from "../mathml.js";
import { setMath } from "./mathml.js";

function cell(tag, content, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (Array.isArray(content)) setMath(el, content);
  else el.textContent = content;
  return el;
}

function row(cells) {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}

/** Return show(view | null, { index, epoch, message }) for the pane's elements. */
export function createBackpropView(root) {
  const title = root.querySelector("#bp-title");
  const text = root.querySelector("#bp-text");
  const neurons = root.querySelector("#bp-neurons");
  const links = root.querySelector("#bp-links");
  return function show(view, { index, epoch, message } = {}) {
    for (const key of ["step", "kind", "layer", "values", "dlDw", "updated", "epoch", "index"]) delete root.dataset[key];
    if (!view) {
      title.textContent = message?.title ?? "Pick a training point";
      text.textContent = message?.text ?? "";
      neurons.replaceChildren();
      links.replaceChildren();
      return;
    }
    title.textContent = view.title;
    text.textContent = message?.text ? `${view.text} ${message.text}` : view.text;
    Object.assign(root.dataset, { step: String(view.step), kind: view.kind, layer: String(view.layer), index: String(index), epoch: String(epoch) });
    root.dataset.values = JSON.stringify(view.neurons.map((n) => n.values));
    neurons.replaceChildren(
      row([cell("th", "Neuron"), ...view.columns.map((c) => cell("th", [c]))]),
      ...view.neurons.map((n) => row([cell("th", n.name, "name"), ...n.values.map((v) => cell("td", formatSig(v), "num"))])),
    );
    if (!view.links.length) {
      links.replaceChildren();
      return;
    }
    root.dataset.dlDw = JSON.stringify(view.links.map((k) => [k.from, k.to, k.gradient]));
    root.dataset.updated = JSON.stringify(view.links.map((k) => [k.from, k.to, k.updated]));
    links.replaceChildren(
      row([cell("th", "Link"), cell("th", "∂L/∂w"), cell("th", "Update, η = learning rate")]),
      ...view.links.map((k) => {
        const tr = row([cell("th", k.name, "name"), cell("td", formatSig(k.gradient), "num"), cell("td", [k.update], "update")]);
        tr.dataset.from = String(k.from);
        tr.dataset.to = String(k.to);
        return tr;
      }),
    );
  };
}
