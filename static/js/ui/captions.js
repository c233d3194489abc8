// Wire the plain-language captions: a card on top of the side panel's settings, shown on a
// first visit and on "What is this?", never in projector mode.
//
// captions.js decides; this module builds the list once, remembers a dismissal in
// localStorage and follows the body's "projector" class.
import { CAPTIONS, CAPTIONS_KEY, captionsShown, isProjector } from "../captions.js";

const $ = (id) => document.getElementById(id);

function stored() {
  try { return localStorage.getItem(CAPTIONS_KEY) === "1"; } catch { return false; }
}

function remember() {
  try { localStorage.setItem(CAPTIONS_KEY, "1"); } catch { /* private mode: the choice lasts this visit */ }
}

/** Build the captions and keep their visibility right; `dock` (ui/dock.js) shows the settings they sit on. */
export function wireCaptions(dock) {
  const section = $("captions");
  const toggle = $("explain-toggle");
  $("caption-list").replaceChildren(...CAPTIONS.map(({ term, text }) => {
    const item = document.createElement("div");
    item.className = "caption";
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = text;
    item.append(dt, dd);
    return item;
  }));
  let requested = null;

  function update() {
    const projector = isProjector(location.search, [...document.body.classList]);
    const shown = captionsShown({ dismissed: stored(), requested, projector });
    section.hidden = !shown;
    toggle.hidden = projector;
    toggle.setAttribute("aria-pressed", String(shown));
  }
  function hide() {
    requested = false;
    remember();
    update();
  }
  toggle.addEventListener("click", () => {
    if (!section.hidden) return hide();
    requested = true;
    update();
    dock.show("settings");
    section.scrollIntoView({ block: "start" });
  });
  $("captions-hide").addEventListener("click", hide);
  new MutationObserver(update).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  update();
}
