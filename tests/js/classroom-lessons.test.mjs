// Lesson files: the validator names the problem; navigation and address sharing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { lessonKey, moveStep, openLesson, stepLabel, stepPreset } from "../../static/js/lessons/nav.js";
import { encodeLesson, readLessonParam } from "../../static/js/lessons/source.js";
import { MAX_LISTED, formatLimit, lessonProblems, parseLesson } from "../../static/js/lessons/validate.js";

const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const schema = JSON.parse(read("./fixtures/schema.json"));
const builtIn = read("../../static/lessons/first-lecture.json");
const good = () => JSON.parse(builtIn);

test("the built-in lesson is valid", () => {
  assert.deepEqual(lessonProblems(good(), schema), []);
});

test("the built-in lesson walks a first lecture in order", () => {
  const steps = good().steps;
  assert.deepEqual(steps[0].settings, { dataset: "gauss", hidden_layers: [], activation: "linear", learning_rate: 0.03 });
  const rates = steps.map((s) => s.settings.learning_rate);
  assert.ok(rates.includes(0.0001) && rates.includes(1) && rates.includes(10));
  // After a learning rate that wrecks the weights, the next steps start afresh.
  const afresh = steps.filter((s) => s.reset).map((s) => s.settings.learning_rate);
  assert.deepEqual(afresh, [0.0001, 1, 10, 0.03]);
  const datasets = steps.map((s) => s.settings.dataset);
  assert.ok(datasets.indexOf("xor") < datasets.indexOf("circle") && datasets.indexOf("circle") < datasets.indexOf("spiral"));
  for (const a of ["sigmoid", "tanh", "relu"]) assert.ok(builtIn.toLowerCase().includes(a));
});

const cases = [
  ["a learning rate out of range", (l) => { l.steps[2].settings.learning_rate = 50; }, "steps[2].settings.learning_rate must be a number between 1e-05 and 10"],
  ["a learning rate as text", (l) => { l.steps[0].settings.learning_rate = "fast"; }, "steps[0].settings.learning_rate must be a number"],
  ["an unknown setting", (l) => { l.steps[1].settings.colour = "red"; }, "steps[1].settings.colour is not a setting"],
  ["an unknown activation", (l) => { l.steps[3].settings.activation = "swish"; }, "steps[3].settings.activation must be one of sigmoid, tanh"],
  ["too many neurons", (l) => { l.steps[4].settings.hidden_layers = [4, 99]; }, "steps[4].settings.hidden_layers must hold whole numbers of neurons between 1 and 8"],
  ["a fractional batch size", (l) => { l.settings.batch_size = 2.5; }, "settings.batch_size must be a whole number between 1 and 30"],
  ["a missing caption", (l) => { delete l.steps[5].caption; }, "steps[5].caption must be a non-empty text"],
  ["an unknown panel", (l) => { l.steps[0].panels = ["network", "sidebar"]; }, "steps[0].panels[1] must be one of settings, network"],
  ["a play flag as text", (l) => { l.steps[0].play = "yes"; }, "steps[0].play must be true or false"],
  ["a reset flag as a number", (l) => { l.steps[3].reset = 1; }, "steps[3].reset must be true or false"],
  ["no steps", (l) => { l.steps = []; }, "steps must be a list of at least one step"],
  ["the wrong format", (l) => { l.format = "nn-playground-model"; }, 'format must be "nn-playground-lesson"'],
  ["a misspelt step field", (l) => { l.steps[6].captoin = "x"; }, "steps[6].captoin is not a step field"],
  ["a step that is not an object", (l) => { l.steps[1] = 3; }, "steps[1] must be an object"],
];

for (const [what, spoil, message] of cases) {
  test(`${what} is named`, () => {
    const lesson = good();
    spoil(lesson);
    const { problems } = parseLesson(JSON.stringify(lesson), schema);
    assert.ok(problems?.[0]?.startsWith(message), `got: ${problems}`);
  });
}

test("text that is not JSON says so", () => {
  assert.match(parseLesson("{ nope", schema).error, /^The lesson file is not valid JSON/);
  assert.equal(parseLesson("[]", schema).error, "The lesson must be a JSON object");
});

test("every problem is listed, not only the first", () => {
  const lesson = good();
  lesson.steps[0].play = 1;
  lesson.steps[1].play = 2;
  lesson.steps[2].reset = "no";
  lesson.title = "";
  const { error, problems } = parseLesson(JSON.stringify(lesson), schema);
  assert.equal(error, "The lesson has 4 problems:");
  assert.deepEqual(problems, ["title must be a non-empty text", "steps[0].play must be true or false",
    "steps[1].play must be true or false", "steps[2].reset must be true or false"]);
});

test("a lesson with very many problems lists the first ones and counts the rest", () => {
  const lesson = good();
  lesson.steps.forEach((step) => { step.play = "yes"; step.reset = "no"; });
  const { error, problems } = parseLesson(JSON.stringify(lesson), schema);
  const count = lesson.steps.length * 2;
  assert.equal(error, `The lesson has ${count} problems:`);
  assert.equal(problems.length, MAX_LISTED);
  assert.equal(problems.at(-1), `… and ${count - MAX_LISTED + 1} more`);
});

test("limits are written as people write them", () => {
  assert.equal(formatLimit(1e-5), "1e-05");
  assert.equal(formatLimit(10), "10");
  assert.equal(formatLimit(0.03), "0.03");
});

test("navigation stays within the lesson and says where it is", () => {
  let nav = openLesson(good());
  assert.equal(stepLabel(nav), `Step 1 of ${good().steps.length}`);
  assert.equal(moveStep(nav, -1).index, 0);
  nav = moveStep(nav, 100);
  assert.equal(nav.index, good().steps.length - 1);
  assert.equal(stepPreset(nav).last, true);
  assert.equal(openLesson(good(), 3).index, 3);
});

test("a step's preset merges the lesson's settings under its own", () => {
  const preset = stepPreset(openLesson(good(), 10));
  assert.equal(preset.settings.learning_rate, 0.0001);
  assert.equal(preset.settings.seed, 1);
  assert.equal(preset.play, true);
  assert.deepEqual(preset.panels, ["network", "output", "loss"]);
  assert.equal(preset.reset, true);
  assert.equal(stepPreset(openLesson(good(), 0)).reset, false);
});

test("clicker keys move the lesson; arrows only outside form fields", () => {
  const body = { tagName: "BODY" };
  assert.equal(lessonKey({ key: "PageDown", target: body }, true), 1);
  assert.equal(lessonKey({ key: "PageUp", target: body }, true), -1);
  assert.equal(lessonKey({ key: "ArrowRight", target: body }, true), 1);
  assert.equal(lessonKey({ key: "ArrowLeft", target: { tagName: "INPUT" } }, true), 0);
  assert.equal(lessonKey({ key: "PageDown", target: body }, false), 0);
  assert.equal(lessonKey({ key: "PageDown", target: body, ctrlKey: true }, true), 0);
});

test("arrows inside the network drawing or a tab list move there, not the lesson; a clicker still moves it", () => {
  const link = { tagName: "path" };
  assert.equal(lessonKey({ key: "ArrowRight", target: link, arrowsTaken: true }, true), 0);
  assert.equal(lessonKey({ key: "PageDown", target: link, arrowsTaken: true }, true), 1);
});

test("a lesson travels in the address and comes back the same", () => {
  const lesson = good();
  lesson.title = "Première leçon — ü";
  const param = encodeLesson(lesson);
  assert.match(param, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(JSON.parse(readLessonParam(param).text), lesson);
  assert.deepEqual(readLessonParam("first-lecture"), { builtIn: "first-lecture" });
  assert.match(readLessonParam("not base64!").error, /neither a built-in/);
});

const imagesLesson = () => JSON.parse(read("../../static/lessons/neurons-to-convolutions.json"));

test("the images lesson is valid and walks from pixels to a CNN in 8 to 12 steps", () => {
  const lesson = imagesLesson();
  assert.deepEqual(lessonProblems(lesson, schema), []);
  assert.ok(lesson.steps.length >= 8 && lesson.steps.length <= 12);
  const conv = lesson.steps.map((s) => JSON.stringify(s.settings.conv_layers));
  assert.equal(conv[0], "[]", "it starts with no convolution: an image is numbers");
  assert.ok(conv.indexOf('[{"filters":1,"kernel":3}]') < conv.indexOf('[{"filters":8,"kernel":3}]'), "one filter before eight");
  const pooled = lesson.steps.findIndex((s) => s.settings.conv_layers.length && s.settings.pool);
  const unpooled = lesson.steps.findIndex((s) => s.settings.conv_layers.length && !s.settings.pool);
  assert.ok(unpooled < pooled, "feature maps before pooling");
  const dense = lesson.steps.filter((s) => !s.settings.conv_layers.length && s.settings.hidden_layers.length);
  assert.ok(dense.some((s) => /just as accurate/.test(s.caption)), "it says dense networks do as well on the digits");
  assert.equal(lesson.settings.problem, "images");
});

test("image settings are checked in the image ranges once a step's problem is images", () => {
  const lesson = imagesLesson();
  lesson.settings.batch_size = 64;
  assert.deepEqual(lessonProblems(lesson, schema), [], "64 fits an image run");
  lesson.steps[3].settings.conv_layers = [{ filters: 8, kernel: 4 }];
  lesson.steps[4].settings.pool = "yes";
  const problems = lessonProblems(lesson, schema);
  assert.match(problems[0], /^steps\[3\]\.settings\.conv_layers must be a list of at most 3 layers/);
  assert.equal(problems[1], "steps[4].settings.pool must be true or false");
  const points = good();
  points.settings.batch_size = 64;
  assert.match(lessonProblems(points, schema)[0], /settings\.batch_size must be a whole number between 1 and 30/);
});
