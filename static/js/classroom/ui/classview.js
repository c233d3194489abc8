// Wire the class view (the side panel's "Students" page) and the spotlight.
//
// While a teacher has the page open, the server sends a glimpse of every student's own
// run each second (`class_view` opens and closes the stream); the tiles are drawn from
// them (classroom/draw/classview.js). Clicking a tile puts that run on the projector
// (`spotlight`): the class and this page follow it until "Back to my run" (or the same
// tile again), and the side panel folds so that run has the whole stage. A bar above the
// stage says whose run is shown, for teacher and students.
import { resetClassView, sortStudents } from "../glimpses.js";
import { createClassGrid } from "../draw/classview.js";

const $ = (id) => document.getElementById(id);

/** `ctx` = { state, client, dock, schedule(), flash(text) }. Returns { render() }. */
export function wireClassView({ state, client, dock, schedule, flash }) {
  const classState = state.classroom;
  let sortBy = "loss";
  let streaming = false; // what the server was last asked
  let shown = "";

  async function spotlight(student) {
    const ack = await client.send("spotlight", { student });
    if (!ack.ok) flash(ack.error?.message ?? "Could not show that run.");
    schedule();
  }
  const grid = createClassGrid($("students-grid"), (student) => {
    const again = classState.room.showing?.student === student;
    spotlight(again ? null : student);
    if (!again) dock.fold(true); // the run shown gets the whole stage; the tab reopens the grid
  });

  for (const button of document.querySelectorAll("[data-sort]")) {
    button.addEventListener("click", () => {
      sortBy = button.dataset.sort;
      for (const b of document.querySelectorAll("[data-sort]")) b.setAttribute("aria-pressed", String(b === button));
      shown = "";
      schedule();
    });
  }
  $("spotlight-back").addEventListener("click", () => spotlight(null));

  async function stream(open) {
    streaming = open;
    if (!open) resetClassView(classState.view);
    const ack = await client.send("class_view", { open });
    if (!ack.ok && open) {
      streaming = false;
      flash(ack.error?.message ?? "Could not open the class view.");
    }
  }

  function renderSpotlight(room) {
    const showing = room.showing;
    $("spotlight-bar").hidden = !showing || !room.code;
    if (!showing) return;
    $("spotlight-text").textContent = room.role === "teacher"
      ? `On the projector: ${showing.name}'s run. ${showing.name} steers it; the class follows it.`
      : `The class is watching ${showing.name}'s run.`;
    $("spotlight-back").hidden = room.role !== "teacher";
  }

  return {
    render() {
      const room = classState.room;
      const teacher = room.role === "teacher";
      $("students-tab").hidden = !teacher;
      const wanted = teacher && state.connected && dock.current() === "students" && !dock.folded();
      if (wanted !== streaming) stream(wanted);
      const view = classState.view;
      const key = `${view.version}|${sortBy}|${room.showing?.student}|${room.role}|${room.code}|${state.domain}`;
      if (key === shown) return;
      shown = key;
      renderSpotlight(room);
      if (!teacher) return;
      const students = sortStudents(view, sortBy);
      $("students-empty").hidden = students.length > 0;
      grid(students, state.domain, room.showing?.student ?? null);
    },
  };
}
