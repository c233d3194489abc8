// Draw the neuron inspector: its title, the equation lines, and the shown numbers as data attributes.
//
// Takes MathML lines from inspector.js and the numbers from displayedNumbers();
// the data attributes let tests read exactly what is displayed.
import { setMath } from "./mathml.js";

/** Return show({ title, hint, lines, numbers }) for the inspector's elements. */
export function createInspector(root) {
  const title = root.querySelector("#inspector-title");
  const hint = root.querySelector("#inspector-hint");
  const lines = root.querySelector("#inspector-math");
  let last = "";
  return function show(view) {
    const key = JSON.stringify(view);
    if (key === last) return;
    last = key;
    title.textContent = view.title;
    hint.textContent = view.hint ?? "";
    hint.hidden = !view.hint;
    setMath(lines, view.lines ?? []);
    for (const name of ["layer", "neuron", "activation", "weights", "inputs", "bias", "z", "a"]) delete root.dataset[name];
    if (view.numbers) {
      Object.assign(root.dataset, { layer: String(view.layer), neuron: String(view.neuron), activation: view.activation });
      for (const [name, value] of Object.entries(view.numbers)) root.dataset[name] = JSON.stringify(value);
    }
  };
}
