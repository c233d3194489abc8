// Check a lesson file before it drives the page, naming every problem exactly.
//
// A lesson is { format: "nn-playground-lesson", version: 1, title, settings?,
// steps: [{ title, caption, settings?, panels?, play?, reset? }] } (docs/LESSONS.md).
// Settings are checked against the server's hello.schema, so a lesson can
// never name a field or value the server would refuse for its type or range.
// Non-goal: cross-field rules (a dataset of the other problem): the server
// refuses those by name when the step is applied.

import { schemaFor } from "../fields.js";

export const LESSON_FORMAT = "nn-playground-lesson";
export const LESSON_VERSION = 1;
export const PANELS = Object.freeze(["settings", "network", "output", "loss", "math"]);
export const MAX_STEPS = 60;
const TOP_KEYS = ["format", "version", "title", "description", "settings", "steps"];
const STEP_KEYS = ["title", "caption", "settings", "panels", "play", "reset"];
const TITLE_MAX = 80;
const CAPTION_MAX = 400;

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);

/** A limit as people write it: 1e-05, 0.03, 10. */
export function formatLimit(value) {
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  return String(value);
}

function between(entry) {
  return `between ${formatLimit(entry.min)} and ${formatLimit(entry.max)}`;
}

/** Problem with setting `name` = `value` under schema `entry` (a sentence without the path), or null. */
function settingProblem(entry, value) {
  switch (entry.type) {
    case "number":
      return isNumber(value) && value >= entry.min && value <= entry.max ? null : `must be a number ${between(entry)}`;
    case "integer":
      return Number.isInteger(value) && value >= entry.min && value <= entry.max ? null : `must be a whole number ${between(entry)}`;
    case "string":
      return entry.options.includes(value) ? null : `must be one of ${entry.options.join(", ")}`;
    case "layers": {
      const max = entry.max_layers ?? 6;
      if (!Array.isArray(value) || value.length > max) return `must be a list of at most ${max} layer sizes ([] for none)`;
      return value.every((n) => Number.isInteger(n) && n >= entry.min && n <= entry.max) ? null : `must hold whole numbers of neurons ${between(entry)}`;
    }
    case "features": {
      const ok = Array.isArray(value) && value.length >= (entry.min ?? 1) && value.every((f) => entry.options.includes(f)) && new Set(value).size === value.length;
      return ok ? null : `must be a list of distinct features from ${entry.options.join(", ")}`;
    }
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "conv_layers": {
      const max = entry.max_layers ?? 3;
      const layer = (l) => isObject(l) && Object.keys(l).sort().join() === "filters,kernel" && Number.isInteger(l.filters)
        && l.filters >= entry.min && l.filters <= entry.max && (entry.kernels ?? [3, 5]).includes(l.kernel);
      if (Array.isArray(value) && value.length <= max && value.every(layer)) return null;
      return `must be a list of at most ${max} layers {"filters": ${entry.min} … ${entry.max}, "kernel": ${(entry.kernels ?? [3, 5]).join(" or ")}}`;
    }
    default:
      return null;
  }
}

/** Check `settings` under the ranges of the problem they run (`problem` when they name none). */
function checkSettings(settings, path, fullSchema, errors, problem = "classification") {
  if (!isObject(settings)) return errors.push(`${path} must be an object of settings`);
  const schema = schemaFor(fullSchema, typeof settings.problem === "string" ? settings.problem : problem);
  for (const [name, value] of Object.entries(settings)) {
    const entry = schema?.[name];
    if (!entry) errors.push(`${path}.${name} is not a setting (known: ${Object.keys(schema ?? {}).join(", ")})`);
    else {
      const problem = settingProblem(entry, value);
      if (problem) errors.push(`${path}.${name} ${problem}`);
    }
  }
}

function checkText(value, path, max, errors) {
  if (typeof value !== "string" || value.trim() === "") errors.push(`${path} must be a non-empty text`);
  else if (value.length > max) errors.push(`${path} has ${value.length} characters; at most ${max}`);
}

function checkStep(step, k, schema, errors, problem) {
  const path = `steps[${k}]`;
  if (!isObject(step)) return errors.push(`${path} must be an object with a title and a caption`);
  for (const key of Object.keys(step)) if (!STEP_KEYS.includes(key)) errors.push(`${path}.${key} is not a step field (known: ${STEP_KEYS.join(", ")})`);
  checkText(step.title, `${path}.title`, TITLE_MAX, errors);
  checkText(step.caption, `${path}.caption`, CAPTION_MAX, errors);
  if (step.settings !== undefined) checkSettings(step.settings, `${path}.settings`, schema, errors, problem);
  if (step.panels !== undefined) {
    if (!Array.isArray(step.panels)) errors.push(`${path}.panels must be a list of panel names`);
    else step.panels.forEach((p, j) => PANELS.includes(p) || errors.push(`${path}.panels[${j}] must be one of ${PANELS.join(", ")}`));
  }
  if (step.play !== undefined && typeof step.play !== "boolean") errors.push(`${path}.play must be true or false`);
  if (step.reset !== undefined && typeof step.reset !== "boolean") errors.push(`${path}.reset must be true or false`);
}

/** Every problem of `lesson` under `schema` as sentences naming the path; [] when it is valid. */
export function lessonProblems(lesson, schema) {
  const errors = [];
  if (!isObject(lesson)) return ["The lesson must be a JSON object"];
  if (lesson.format !== LESSON_FORMAT) errors.push(`format must be "${LESSON_FORMAT}"`);
  if (lesson.version !== LESSON_VERSION) errors.push(`version must be ${LESSON_VERSION}`);
  for (const key of Object.keys(lesson)) if (!TOP_KEYS.includes(key)) errors.push(`${key} is not a lesson field (known: ${TOP_KEYS.join(", ")})`);
  checkText(lesson.title, "title", TITLE_MAX, errors);
  if (lesson.settings !== undefined) checkSettings(lesson.settings, "settings", schema, errors);
  if (!Array.isArray(lesson.steps) || lesson.steps.length === 0) errors.push("steps must be a list of at least one step");
  else if (lesson.steps.length > MAX_STEPS) errors.push(`steps has ${lesson.steps.length} steps; at most ${MAX_STEPS}`);
  else {
    // A step runs the problem it names, else the last one named before it, else the lesson's.
    let problem = isObject(lesson.settings) && typeof lesson.settings.problem === "string" ? lesson.settings.problem : "classification";
    lesson.steps.forEach((step, k) => {
      checkStep(step, k, schema, errors, problem);
      if (isObject(step?.settings) && typeof step.settings.problem === "string") problem = step.settings.problem;
    });
  }
  return errors;
}

export const MAX_LISTED = 12; // problems listed one by one; the rest are counted

/**
 * Parse `text` and check it: { lesson }, or { error, problems }: the one problem as `error`,
 * or for several "The lesson has 4 problems:" and every one in `problems` (at most
 * MAX_LISTED, then a last line counting the rest).
 */
export function parseLesson(text, schema) {
  let lesson;
  try {
    lesson = JSON.parse(text);
  } catch (error) {
    return { error: `The lesson file is not valid JSON: ${error.message}`, problems: [] };
  }
  const problems = lessonProblems(lesson, schema);
  if (problems.length === 0) return { lesson };
  if (problems.length === 1) return { error: problems[0], problems };
  const listed = problems.length > MAX_LISTED ? [...problems.slice(0, MAX_LISTED - 1), `… and ${problems.length - MAX_LISTED + 1} more`] : problems;
  return { error: `The lesson has ${problems.length} problems:`, problems: listed };
}
