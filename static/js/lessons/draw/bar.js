// Draw the lesson bar: the lesson's title, the step's title and caption, "Step 3 of 14", the ends.
//
// Takes the step's preset (nav.stepPreset) and its label (nav.stepLabel); decides nothing.

const $ = (id) => document.getElementById(id);

/** Show lesson `title`, or hide the bar when `title` is null. */
export function drawLesson(title) {
  $("lesson").hidden = title === null;
  $("lesson-title").textContent = title ?? "";
}

/** Show step `preset` (its title, caption and whether it is the first or last) labelled `label`. */
export function drawStep(preset, label, number) {
  $("lesson-step-title").textContent = preset.title;
  $("lesson-caption").textContent = preset.caption;
  $("lesson-count").textContent = label;
  $("lesson").dataset.step = String(number);
  $("lesson-prev").disabled = preset.first;
  $("lesson-next").disabled = preset.last;
}
