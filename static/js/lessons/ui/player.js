// Wire the lesson bar: open a built-in or loaded lesson, step with buttons, keys or a clicker.
//
// Each step is one `configure` (the lesson's settings under the step's), then
// play or pause, and shows only the panels it names. The lesson stays in the
// address (?lesson=name or base64url JSON) so a link shares it.
// Non-goal: checking files (validate.js) and the settings' effect (the server).
import { lessonKey, moveStep, openLesson, stepLabel, stepPreset } from "../nav.js";
import { encodeLesson, readLessonParam } from "../source.js";
import { parseLesson } from "../validate.js";
import { setFlag } from "../../classroom/flags.js";
import { drawLesson, drawStep } from "../draw/bar.js";
import { arrowsTaken } from "../../ui/keyboard.js";

const $ = (id) => document.getElementById(id);
const STAGE_PANELS = { network: ".panel-network", output: ".panel-output", loss: ".panel-loss" };

/** Show `message` (or hide it for null) and, under it, every problem of `problems`. */
function say(message, problems = []) {
  $("lesson-error-text").textContent = message ?? "";
  $("lesson-problems").replaceChildren(...(problems.length > 1 ? problems : []).map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  $("lesson-error").hidden = !message;
}

function writeLessonFlag(value) {
  const query = setFlag(location.search, "lesson", value);
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

/** Show only the panels a step names (all for null): the stage's directly, settings and math in the side panel. */
function showPanels(names, dock) {
  for (const [name, selector] of Object.entries(STAGE_PANELS)) {
    document.querySelector(selector).hidden = names !== null && !names.includes(name);
  }
  if (names === null) return;
  if (names.includes("math")) dock.show("math");
  else if (names.includes("settings")) dock.show("settings");
  else dock.fold(true);
}

/**
 * `ctx` = { state, dock, apply(settings) → Promise<ack>, command(event) → Promise, canSteer() }.
 * Returns { start(search) } to open the lesson the address names.
 */
export function wireLessons(ctx) {
  let nav = null;
  let source = null; // what ?lesson= holds for this lesson

  async function go(delta) {
    if (!nav) return;
    nav = moveStep(nav, delta);
    const preset = stepPreset(nav);
    drawStep(preset, stepLabel(nav), nav.index + 1);
    showPanels(preset.panels, ctx.dock);
    if (!ctx.canSteer()) return;
    $("lesson").dataset.applied = "";
    const ack = await ctx.apply(preset.settings);
    if (ack.ok && (preset.reset || (preset.play && ctx.state.stopped?.reason === "diverged"))) await ctx.command("reset");
    if (ack.ok && preset.play !== null && preset.play !== ctx.state.running) await ctx.command(preset.play ? "play" : "pause");
    $("lesson").dataset.applied = String(nav.index + 1); // read by the browser tests
  }

  function open(lesson, param) {
    nav = openLesson(lesson);
    source = param;
    say(null);
    drawLesson(lesson.title);
    document.body.classList.add("has-lesson");
    writeLessonFlag(param);
    go(0);
  }

  function close() {
    nav = null;
    drawLesson(null);
    document.body.classList.remove("has-lesson");
    showPanels(null, ctx.dock);
    ctx.dock.show("settings");
    writeLessonFlag(null);
  }

  async function loadBuiltIn(name) {
    const response = await fetch(`/static/lessons/${encodeURIComponent(name)}.json`);
    if (!response.ok) return say(`There is no built-in lesson called “${name}”.`);
    return openText(await response.text(), name);
  }

  function openText(text, param, fileName) {
    const { lesson, error, problems } = parseLesson(text, ctx.state.schema);
    if (error) return say(fileName ? `${fileName}: ${error}` : error, problems);
    open(lesson, param ?? encodeLesson(lesson));
  }

  $("lesson-start").addEventListener("click", () => loadBuiltIn("first-lecture"));
  $("lesson-start-images").addEventListener("click", () => loadBuiltIn("neurons-to-convolutions"));
  $("import-lesson").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) openText(await file.text(), null, file.name);
  });
  $("lesson-prev").addEventListener("click", () => go(-1));
  $("lesson-next").addEventListener("click", () => go(1));
  $("lesson-close").addEventListener("click", close);
  $("lesson-share").addEventListener("click", async () => {
    const url = `${location.origin}/?${setFlag("", "lesson", source)}`;
    try {
      await navigator.clipboard.writeText(url);
      $("lesson-share").textContent = "Link copied";
    } catch {
      say(`Copy this link: ${url}`);
    }
  });
  window.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
    const delta = lessonKey({ key: event.key, target: event.target, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, arrowsTaken: arrowsTaken(event.target) }, nav !== null);
    if (delta === 0) return;
    event.preventDefault(); // → no longer steps training while a lesson is open
    go(delta);
  }, true);

  return {
    /** Open the lesson named by ?lesson= in `search`, if any. */
    start(lessonParam) {
      if (!lessonParam || nav) return;
      const read = readLessonParam(lessonParam);
      if (read.error) return say(read.error);
      if (read.builtIn) return loadBuiltIn(read.builtIn);
      return openText(read.text, lessonParam);
    },
  };
}
