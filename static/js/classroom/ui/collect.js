// Wire the class data set: the teacher's section of the class page (collect, lock, stop,
// remove a student's points or one point, train on it, save it as CSV) and a student's
// pad (pick a class, tap the plot). Both see the class's points over the output plot,
// the new ones ringed. In an image run's class the students draw on the image pad and
// tap a class to send the drawing; the teacher sees a grid of thumbnails instead, and
// saves the text of images.
//
// Messages reach state.classroom.collection through client.js; render() shows them.
// Taps on the plot are caught before the drawing tools (capture phase), and only while
// this module uses them: a student's pad while collecting, a teacher's "Tap to remove".
import { dataPoint } from "../../layout.js";
import { outputKind, pointLabelChoices, pointStyle } from "../../outputs.js";
import { saveText } from "../../ui/download.js";
import { collectionCsv, collectionImagesText, contributors, isImages, isOpen, isShown, mineCount, nearestPoint, nextAging, noteMine, plotRows, thumbnails } from "../collection.js";
import { createClassImages } from "../draw/classimages.js";
import { createClassPoints } from "../draw/classpoints.js";

const $ = (id) => document.getElementById(id);
const what = (data) => (isImages(data) ? "images" : "points");
const REMOVE_RADIUS = 0.5; // data units around a tap
const REGRESSION_VALUES = [-1, -0.5, 0, 0.5, 1];

function say(message) {
  $("collect-error").textContent = message ?? "";
  $("collect-error").hidden = !message;
}

function labelChoices(data) {
  if (isImages(data)) return data.classNames.map((name, value) => ({ value, label: name }));
  const kind = outputKind({ classes: data.classes, problem: data.problem });
  const choices = pointLabelChoices(kind, data.classes);
  return kind === "regression" ? REGRESSION_VALUES.map((v) => ({ value: v, label: `Value ${v}` })) : choices.options;
}

/**
 * `ctx` = { state, client, surface, schedule(), flash(text), drawing: { counts() → 0 … 16
 * values | null, clear() } (the image pad) }. Returns { render() }.
 */
export function wireCollect({ state, client, surface, schedule, flash, drawing }) {
  const classState = state.classroom;
  const drawPoints = createClassPoints(surface);
  const drawImages = createClassImages($("collect-images"));
  let label = null;
  let removing = false;
  let shown = "";
  let agingTimer = null;
  let lastSent = null; // the class of the student's last drawing sent

  async function send(event, payload, failure) {
    const ack = await client.send(event, payload);
    if (!ack.ok) (classState.room.role === "teacher" ? say : flash)(ack.error?.message ?? failure);
    else say(null);
    schedule();
    return ack;
  }

  const where = (event) => {
    const box = surface.getBoundingClientRect();
    return dataPoint(state.domain, box.width, event.clientX - box.left, event.clientY - box.top);
  };

  surface.addEventListener("pointerdown", async (event) => {
    const data = classState.collection;
    const role = classState.room.role;
    const adding = role === "student" && isOpen(data) && label !== null;
    if (!adding && !(role === "teacher" && removing && isShown(data))) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // the drawing tools do not see this tap
    const [x1, x2] = where(event);
    if (!adding) {
      const id = nearestPoint(data, x1, x2, REMOVE_RADIUS);
      if (id !== null) send("remove_points", { ids: [id] }, "Could not remove the point.");
      return;
    }
    const ack = await send("contribute", { points: [[x1, x2, label]] }, "Could not add the point.");
    if (ack.ok) noteMine(data, ack.ids);
  }, { capture: true });

  const teacherButtons = {
    "collect-open": () => send("collect", { state: "open" }, "Could not start collecting."),
    "collect-lock": () => send("collect", { state: "locked" }, "Could not lock the data set."),
    "collect-off": () => send("collect", { state: "off" }, "Could not stop collecting."),
    "collect-clear": () => send("collect", { state: "open", clear: true }, "Could not start afresh."),
    "collect-csv": () => {
      const data = classState.collection;
      if (isImages(data)) saveText("class-drawings.txt", collectionImagesText(data), "text/plain");
      else saveText("class-data.csv", collectionCsv(data), "text/csv");
    },
    "collect-use": async () => {
      const ack = await send("use_collection", undefined, "Could not train on the class data.");
      if (ack.ok) flash(`Training data: the class's ${ack.train + ack.test} ${what(classState.collection)} (${ack.train} training, ${ack.test} test). Press Play.`);
    },
    "collect-remove-mode": () => { removing = !removing; schedule(); },
  };
  for (const [id, action] of Object.entries(teacherButtons)) $(id).addEventListener("click", action);
  $("collect-students").addEventListener("click", (event) => {
    const student = event.target.closest("button[data-student]")?.dataset.student;
    if (student) send("remove_points", { student: Number(student) }, "Could not remove the points.");
  });
  $("collect-images").addEventListener("click", (event) => {
    const id = event.target.closest("button[data-id]")?.dataset.id;
    if (id && removing) send("remove_points", { ids: [Number(id)] }, "Could not remove the image.");
  });
  $("collect-classes").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-label]");
    if (!button) return;
    label = Number(button.dataset.label);
    if (isImages(classState.collection)) sendDrawing(label);
    else { shown = ""; schedule(); }
  });

  /** A student's drawing joins the class's images as class `value`; the pad clears for the next. */
  async function sendDrawing(value) {
    const counts = drawing.counts();
    if (!counts) return flash("Draw on the pad first, then tap its class.");
    const data = classState.collection;
    const ack = await send("contribute", { images: [counts], labels: [value] }, "Could not send the drawing.");
    if (!ack.ok) return;
    lastSent = data.classNames[value] ?? String(value);
    noteMine(data, ack.ids);
    drawing.clear();
  }

  function renderTeacher(data) {
    const has = data.state !== "none";
    const open = isOpen(data);
    $("collect-open").hidden = open;
    const images = has ? isImages(data) : Boolean(state.images);
    $("collect-open").textContent = has ? "Collect again" : images ? "Collect drawings" : "Collect points";
    $("collect-key").textContent = images ? "The class's drawings, newest first, each with its class; new ones ringed."
      : "On the plot: the class's points are large and outlined, new ones ringed.";
    $("collect-images").hidden = !(has && images);
    $("collect-csv").textContent = images ? "Download images" : "Download CSV";
    $("collect-remove-mode").textContent = images ? "Tap an image to remove it" : "Tap a point to remove it";
    $("collect-lock").hidden = !open;
    $("collect-off").hidden = !isShown(data);
    for (const id of ["collect-use", "collect-csv", "collect-clear", "collect-remove-mode"]) $(id).hidden = !has;
    $("collect-use").disabled = !data.points.size;
    $("collect-csv").disabled = !data.points.size;
    $("collect-remove-mode").setAttribute("aria-pressed", String(removing));
    surface.classList.toggle("is-removing", removing && isShown(data) && !images);
    if (has && images) drawImages(thumbnails(data, Date.now()), data.imageSize, removing);
    const people = contributors(data);
    $("collect-status").textContent = !has ? (images ? "Students draw images on their pad and send each with its class; you train on them."
      : "Students add points to one data set by tapping their plot; you train on it.")
      : `${{ open: "Collecting", locked: "Locked", off: "Put away" }[data.state]}: ${data.points.size} of ${data.perRoom} ${what(data)} from ${people.length} ${people.length === 1 ? "student" : "students"} (at most ${data.perStudent} each).`;
    $("collect-students").replaceChildren(...people.map(({ student, name, count }) => {
      const item = document.createElement("li");
      const remove = Object.assign(document.createElement("button"), { type: "button", className: "btn btn-quiet", textContent: "Remove" });
      remove.dataset.student = String(student);
      remove.setAttribute("aria-label", `Remove ${name}'s ${count} ${what(data)}`);
      item.append(Object.assign(document.createElement("span"), { textContent: `${name}: ${count}`, title: `${name}: ${count}` }), remove);
      return item;
    }));
  }

  function renderStudent(data) {
    const pad = $("collect-pad");
    pad.hidden = !isShown(data);
    if (pad.hidden) {
      surface.classList.remove("is-collecting");
      document.body.classList.remove("is-collecting-images");
      return;
    }
    const choices = labelChoices(data);
    if (!choices.some((c) => c.value === label)) label = choices[0]?.value ?? null;
    const images = isImages(data);
    const style = pointStyle(outputKind({ classes: data.classes, problem: data.problem }));
    $("collect-classes").replaceChildren(...choices.map((c) => {
      const button = Object.assign(document.createElement("button"), { type: "button", className: "btn btn-secondary btn-class" });
      button.dataset.label = String(c.value);
      if (images) {
        button.setAttribute("aria-label", `Send my drawing as ${c.label}`);
        button.append(c.label);
        return button;
      }
      button.setAttribute("aria-pressed", String(c.value === label));
      const swatch = Object.assign(document.createElement("span"), { className: "class-swatch" });
      swatch.style.background = style(c.value).fill;
      button.append(swatch, c.label);
      return button;
    }));
    $("collect-pad-note").textContent = !isOpen(data) ? "Class data: locked by your teacher"
      : images ? "Class data: draw on the pad, then tap its class to send it" : "Class data: tap the plot to add a point of";
    $("collect-classes").hidden = !isOpen(data);
    $("collect-classes").classList.toggle("is-images", images);
    const sent = images && lastSent !== null ? `Sent as ${lastSent}. ` : "";
    $("collect-mine").textContent = `${sent}${mineCount(data)} of ${data.perStudent} ${images ? "sent" : "added"}`;
    surface.classList.toggle("is-collecting", isOpen(data) && !images);
    document.body.classList.toggle("is-collecting-images", isOpen(data) && images);
  }

  function scheduleAging(data) {
    clearTimeout(agingTimer);
    const next = nextAging(data, Date.now());
    if (next !== null) agingTimer = setTimeout(() => { shown = ""; schedule(); }, next - Date.now() + 20);
  }

  return {
    render() {
      const data = classState.collection;
      const role = classState.room.role;
      const key = `${data.version}|${role}|${label}|${removing}|${surface.clientWidth}|${state.domain}|${Boolean(state.images)}`;
      if (key === shown) return;
      shown = key;
      if (role === "teacher") renderTeacher(data);
      $("collect-pad").hidden = role !== "student";
      if (role === "student") renderStudent(data);
      else {
        surface.classList.remove("is-collecting");
        document.body.classList.remove("is-collecting-images");
      }
      const style = pointStyle(outputKind({ classes: data.classes, problem: data.problem }));
      drawPoints(isShown(data) && !isImages(data) ? plotRows(data, Date.now()) : null, state.domain, style);
      scheduleAging(data);
    },
  };
}
