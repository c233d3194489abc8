// Draw the "Formulas and loss" pane: the catalog's formulas and the current loss readings.
//
// Takes formulas picked by formulas.js and markup built by it; computes nothing but how
// much to shrink a formula wider than its card (MathML never breaks a line).
import { setMath } from "./mathml.js";

const MIN_FONT_PX = 14;

/** Shrink the <math> in `box` until it fits the box's width (never below MIN_FONT_PX). */
function fitWidth(box) {
  const math = box.querySelector("math");
  if (!math || box.clientWidth === 0) return;
  math.style.fontSize = "";
  const over = box.scrollWidth / box.clientWidth;
  if (over > 1) math.style.fontSize = `${Math.max(MIN_FONT_PX, Math.floor(parseFloat(getComputedStyle(math).fontSize) / over))}px`;
}

/** Return { showFormulas(formulas), fit(), showLoss(markup, metricText) } for the pane's fixed elements. */
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
    /** Fit every shown formula to its card's width (after the cards change size). */
    fit() {
      for (const figure of figures.values()) if (!figure.hidden) fitWidth(figure.querySelector(".math"));
    },
    showLoss(markup, metricText) {
      setMath(lossReading, [markup]);
      metricReading.textContent = metricText;
    },
  };
}
