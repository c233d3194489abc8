// Wire the network drawing's keyboard and weight tips: one Tab stop (a roving tabindex),
// arrow keys along neurons, biases and links (networkkeys.js), Enter to use the item, and
// a tip with a weight's or bias's value on hover, on focus and on a first tap.
//
// A second tap on the same link (or a click, or Enter) opens the editor as before.
// Non-goal: drawing the items (draw/network.js) or deciding where arrows go.
import { linkPoint } from "../layout.js";
import { formatSig } from "../mathml.js";
import { nextItem } from "../networkkeys.js";
import { createWeightTip } from "../draw/weighttip.js";

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);
const keyOf = (el) => el?.closest?.("[data-key]")?.dataset.key ?? null;
const hasValue = (key) => /^[wb]:/.test(key ?? "");

/** Wire `root` (the #network element) drawn by `network` (draw/network.js). */
export function wireNetworkFocus(root, network) {
  const tip = createWeightTip(root);
  let stop = "f:0"; // the item holding the drawing's one Tab stop
  let tipKey = null;
  let lastAt; // where the pointer showed the tip (undefined: beside the item)
  let swallowClick = false;

  function setStop(key) {
    const el = network.item(key) ?? network.item("f:0");
    if (!el) return null;
    network.item(stop)?.setAttribute("tabindex", "-1");
    el.setAttribute("tabindex", "0");
    stop = el.dataset.key;
    return el;
  }

  function anchor(key, el) {
    const [kind, layer, from, to] = key.split(":").map((v, k) => (k ? Number(v) : v));
    const geo = network.geometry();
    if (kind === "w" && geo) {
      const a = geo.columns[layer].nodes[layer === 0 ? geo.rowOf(from) : from];
      const b = geo.columns[layer + 1].nodes[to];
      if (a && b) return linkPoint(a, b, geo.node, 0.5);
    }
    return { x: el.offsetLeft + el.offsetWidth / 2, y: el.offsetTop };
  }

  function showTip(key, at) {
    const about = hasValue(key) && network.describe(key);
    if (!about) return hideTip();
    tipKey = key;
    const { x, y } = at ?? anchor(key, network.item(key));
    tip.show(about.label, formatSig(about.value), x, y);
  }

  function hideTip() {
    tipKey = null;
    tip.hide();
  }

  root.addEventListener("network-rebuilt", (event) => {
    hideTip();
    const el = setStop(stop);
    const focused = event.detail?.focusedKey;
    if (focused) (network.item(focused) ?? el)?.focus();
  });
  root.addEventListener("network-drawn", () => tipKey && showTip(tipKey, lastAt)); // values follow training

  root.addEventListener("focusin", (event) => {
    const key = keyOf(event.target);
    if (!key) return;
    setStop(key);
    if (hasValue(key)) { lastAt = undefined; showTip(key); }
  });
  root.addEventListener("focusout", (event) => {
    if (keyOf(event.target) === tipKey) hideTip();
  });
  root.addEventListener("keydown", (event) => {
    const key = keyOf(event.target);
    if (!key || event.altKey || event.ctrlKey || event.metaKey) return;
    if (ARROWS.has(event.key)) {
      event.preventDefault(); // the arrows move along the drawing here, not the page or training
      event.stopPropagation();
      const next = nextItem(network.shape(), key, event.key);
      if (next !== key) setStop(next)?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      event.target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }
  });

  root.addEventListener("pointerover", (event) => {
    const key = keyOf(event.target);
    if (event.pointerType !== "mouse" || !hasValue(key)) return;
    const box = root.getBoundingClientRect();
    lastAt = { x: event.clientX - box.left, y: event.clientY - box.top };
    showTip(key, lastAt);
  });
  root.addEventListener("pointerout", (event) => {
    if (event.pointerType === "mouse" && keyOf(event.target) === tipKey && document.activeElement !== event.target) hideTip();
  });
  // Touch: the first tap on a link or bias shows its value; a second tap opens the editor.
  root.addEventListener("pointerup", (event) => {
    const key = keyOf(event.target);
    if (event.pointerType === "mouse" || !hasValue(key)) return;
    if (tipKey === key) return;
    swallowClick = true;
    lastAt = undefined;
    showTip(key);
  });
  root.addEventListener("click", (event) => {
    if (!swallowClick) return;
    swallowClick = false;
    event.stopPropagation();
  }, true);
}
