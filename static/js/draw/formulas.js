// Draw the "Formulas and loss" pane: the catalog's formulas and the current loss readings.
//
// Takes formulas picked by formulas.js and markup built by it; computes nothing.
import { setMath } from "./mathml.js";

/** Return { showFormulas(formulas), showLoss(markup, metricText) } for the pane's fixed elements. */
export function createMathPanel(root, lossReading, metricReading) {
  const figures = new Map([...root.querySelectorAll("figure[data-formula]")].map((f) => [f.dataset.formula, f]));
  return {
    /** `formulas` = pickFormulas(): each entry { name, label, mathml } or null (the figure hides). */
    showFormulas(formulas) {
      for (const [key, figure] of figures) {
        const entry = formulas[key];
        figure.hidden = !entry;
        if (!entry) continue;
        figure.dataset.name = entry.name;
        if (key !== "linear" && key !== "derivative") figure.querySelector("figcaption").textContent = `${figure.dataset.caption ??= figure.querySelector("figcaption").textContent}: ${entry.label}`;
        setMath(figure.querySelector(".math"), [entry.mathml]);
      }
    },
    showLoss(markup, metricText) {
      setMath(lossReading, [markup]);
      metricReading.textContent = metricText;
    },
  };
}
