// The output panel's legend: colour scale and point key for the current output kind.
//
// Two classes: orange −1 … blue +1 with their point shapes; several classes:
// one swatch and glyph per class; regression: the value scale. Colours come
// from colors.js / classcolors.js; the legend draws, it decides nothing.
import { classCss, classGlyph } from "../classcolors.js";
import { cssColor } from "../colors.js";
import { GLYPH_TEXT } from "./glyphs.js";

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function key(glyph, colour, text) {
  const item = element("span", "legend-item");
  const mark = element("span", "glyph", GLYPH_TEXT[glyph]);
  mark.style.color = colour;
  mark.setAttribute("aria-hidden", "true");
  item.append(mark, text);
  return item;
}

function scaleBar(low, high) {
  const bar = element("div", "scale");
  bar.setAttribute("aria-hidden", "true");
  bar.append(element("span", "", low), element("span", "scale-bar"), element("span", "", high));
  return bar;
}

/** Fill `root` with the legend for `kind` ("binary" | "classes" | "regression") and `classes`. */
export function drawLegend(root, kind, classes) {
  const keys = element("p", "points-legend");
  if (kind === "classes") {
    for (let k = 0; k < classes; k++) keys.append(key(classGlyph(k), classCss(k), `class ${k}`));
    root.replaceChildren(keys, element("p", "legend-note", "Region colour = most likely class; paler = less sure."));
  } else if (kind === "regression") {
    keys.append(key("circle", cssColor(0.6), "point coloured by its value"));
    root.replaceChildren(scaleBar("−1", "+1"), keys);
  } else {
    keys.append(key("circle", cssColor(1), "class +1"), key("square", cssColor(-1), "class −1"));
    root.replaceChildren(scaleBar("−1", "+1"), keys);
  }
  const test = key("circle", "#ffffff", "test point (thick outline)");
  test.querySelector(".glyph").classList.add("glyph-test");
  root.querySelector(".points-legend").append(test);
}
