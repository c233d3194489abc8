// Draw the weight tip: a small label beside a link or a bias with its name and value.
//
// Shown on hover, on keyboard focus and on a tap (ui/networkfocus.js); no dialog opens.
// Text comes formatted; this module only places and fills the label.

/** Create the tip inside the network's `root`; returns { show(title, value, x, y), hide(), shown() }. */
export function createWeightTip(root) {
  const tip = document.createElement("div");
  tip.className = "weight-tip";
  tip.id = "weight-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  const title = document.createElement("span");
  title.className = "weight-tip-title";
  const value = document.createElement("strong");
  value.className = "weight-tip-value";
  tip.append(title, value);
  root.append(tip);

  return {
    /** Show `name` and `text` near (x, y) in the root's pixels, kept inside the root. */
    show(name, text, x, y) {
      if (title.textContent !== name) title.textContent = name;
      if (value.textContent !== text) value.textContent = text;
      tip.hidden = false;
      const width = tip.offsetWidth;
      const left = Math.max(0, Math.min(root.clientWidth - width, x - width / 2));
      const top = y > tip.offsetHeight + 16 ? y - tip.offsetHeight - 12 : y + 16;
      Object.assign(tip.style, { left: `${left}px`, top: `${top}px` });
    },
    hide() {
      tip.hidden = true;
    },
    shown: () => !tip.hidden,
  };
}
