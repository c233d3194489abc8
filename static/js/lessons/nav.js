// Where a lesson is: which step, what it sends, which keys move it.
//
// Pure state: { lesson, index }. stepPreset() merges the lesson's own
// settings under the step's, so a step names everything it needs in one
// `configure`. Non-goal: sending or drawing (lessons/ui/player.js does).

/** Start `lesson` at step `index` (clamped). */
export function openLesson(lesson, index = 0) {
  return { lesson, index: clampStep(lesson, index) };
}

function clampStep(lesson, index) {
  const last = lesson.steps.length - 1;
  return Math.max(0, Math.min(last, Math.trunc(Number(index) || 0)));
}

/** The navigation moved by `delta` steps (stays at the ends). */
export function moveStep(nav, delta) {
  return { ...nav, index: clampStep(nav.lesson, nav.index + delta) };
}

/** "Step 3 of 9". */
export function stepLabel(nav) {
  return `Step ${nav.index + 1} of ${nav.lesson.steps.length}`;
}

/** { title, caption, settings, panels: [names] | null, play: bool | null, reset: bool, first, last } of the current step. */
export function stepPreset(nav) {
  const step = nav.lesson.steps[nav.index];
  return {
    title: step.title,
    caption: step.caption,
    settings: { ...(nav.lesson.settings ?? {}), ...(step.settings ?? {}) },
    panels: step.panels ?? null,
    play: typeof step.play === "boolean" ? step.play : null,
    reset: step.reset === true,
    first: nav.index === 0,
    last: nav.index === nav.lesson.steps.length - 1,
  };
}

const TYPING_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA"]);

/**
 * Lesson move of a keydown: +1, -1 or 0. PageDown/PageUp always (presenter
 * clickers send them); → and ← only while a lesson is open and the focus is
 * neither in a form field nor in a widget that moves with the arrows (`arrowsTaken`).
 */
export function lessonKey({ key, target = {}, ctrlKey = false, metaKey = false, altKey = false, arrowsTaken = false }, open) {
  if (!open || ctrlKey || metaKey || altKey) return 0;
  if ((arrowsTaken || TYPING_TAGS.has(String(target.tagName ?? "").toUpperCase())) && key.startsWith("Arrow")) return 0;
  if (key === "PageDown" || key === "ArrowRight") return 1;
  if (key === "PageUp" || key === "ArrowLeft") return -1;
  return 0;
}
