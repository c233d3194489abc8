// Wire projector mode, the colour-blind-safe palette and the full-screen button.
//
// Projector mode sets body.projector (projector.css enlarges and hides; the
// math panel hides its captions by this class), thickens links, and keeps the
// choice in the address (?projector=1, ?palette=cvd) so a reload keeps it.
// Non-goal: the look itself (static/css/projector.css).
import { useLinkScale, usePalette } from "../../colors.js";
import { readFlags, setFlag } from "../flags.js";

const $ = (id) => document.getElementById(id);

function writeFlag(name, value) {
  const query = setFlag(location.search, name, value);
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

/** `redraw()` repaints everything (colours changed). Returns { projector(): bool }. */
export function wireProjector(redraw) {
  const flags = readFlags(location.search);

  function setProjector(on, write = true) {
    document.body.classList.toggle("projector", on);
    $("projector-toggle").setAttribute("aria-pressed", String(on));
    useLinkScale(on ? 2 : 1);
    if (write) writeFlag("projector", on);
    redraw();
  }

  function setPalette(name, write = true) {
    const chosen = usePalette(name);
    document.body.classList.toggle("palette-cvd", chosen === "cvd");
    $("palette-toggle").setAttribute("aria-pressed", String(chosen === "cvd"));
    if (write) writeFlag("palette", chosen);
    redraw();
  }

  setProjector(flags.projector, false);
  setPalette(flags.palette, false);
  $("projector-toggle").addEventListener("click", () => setProjector(!document.body.classList.contains("projector")));
  $("palette-toggle").addEventListener("click", () => setPalette(document.body.classList.contains("palette-cvd") ? "standard" : "cvd"));

  const canFullscreen = Boolean(document.fullscreenEnabled);
  $("fullscreen").hidden = !canFullscreen;
  $("fullscreen").addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", () => {
    $("fullscreen").textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
  });

  return { projector: () => document.body.classList.contains("projector") };
}
