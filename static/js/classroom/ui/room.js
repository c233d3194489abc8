// Wire a class room: share (teacher), claim after a reload, join by code or address,
// explore on my own / follow the teacher, leave, and the steering lock.
//
// The server routes frames, runs and settings of the watched run to this page;
// the existing state → render path mirrors them. The `room` message reaches
// this module through the state (classroom/state.js): render() shows it and
// tells main.js when steering is allowed. This module sends the room events.
// Non-goal: the board and questions (classroom/draw/board.js, questions.js).
import { codeFromPath, codeProblem, joinAddress, normalizeCode } from "../joincode.js";
import { applyJoinAddress } from "../state.js";
import { drawQr, drawRoom } from "../draw/room.js";
import { forgetTeacher, roomToClaim, saveTeacher } from "../teacherstore.js";
import { readFlags, setFlag } from "../flags.js";

const $ = (id) => document.getElementById(id);

function say(id, message) {
  $(id).textContent = message ?? "";
  $(id).hidden = !message;
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return { getItem: () => null, setItem() {}, removeItem() {} };
  }
}

/**
 * `ctx` = { client, classState, dock, lock(following: bool), flash(text), schedule() }.
 * Returns { resume(): Promise<bool> (true when this page rejoined a room), render(classState), setEnabled(bool) }.
 */
export function wireRoom(ctx) {
  const { client, classState, dock } = ctx;
  let shown = -1; // the room version on the page
  let joinedAs = null; // { code, name } a student joined with (rejoined after a reconnect)

  /** Keep the address students open, from the share or claim ack (the server decides it). */
  function keepAddress(ack) {
    applyJoinAddress(classState, joinAddress(ack, location.origin, ack.code));
    ctx.schedule();
  }

  function show(room) {
    const join = classState.join ?? joinAddress(null, location.origin, room.code);
    drawRoom(room, join);
    if ($("qr-dialog").open) drawQr(room, join);
    // The revealed answers show where this page's class lives: the student bar or the class page.
    const student = room.role === "student";
    if ($("poll").parentElement !== (student ? $("student-poll") : $("panel-class"))) {
      if (student) $("student-poll").append($("poll"));
      else $("panel-class").insertBefore($("poll"), $("board"));
    }
    ctx.lock(room.role === "student" && room.following);
  }

  function showQr() {
    const room = classState.room;
    if (room.role !== "teacher") return;
    drawQr(room, classState.join ?? joinAddress(null, location.origin, room.code));
    $("qr-dialog").showModal();
  }

  async function share() {
    const ack = await client.send("share");
    if (!ack.ok) return ctx.flash(ack.error?.message ?? "Could not share the run.");
    saveTeacher(storage(), ack.code, ack.teacher_token);
    keepAddress(ack);
    dock.show("class");
    history.replaceState(null, "", `${location.pathname}?${setFlag(location.search, "room", ack.code)}`);
  }

  async function join(code, name) {
    const problem = codeProblem(code);
    if (problem) return say("join-error", problem), false;
    const payload = { code: normalizeCode(code) };
    if (name) payload.name = name;
    const ack = await client.send("join", payload);
    if (!ack.ok) return say("join-error", ack.error?.message ?? "Could not join the class."), false;
    say("join-error", null);
    joinedAs = { code: ack.code, name: ack.name };
    if (codeFromPath(location.pathname) !== ack.code) history.replaceState(null, "", `/join/${ack.code}${location.search}`);
    return true;
  }

  /** After (re)connecting: claim a room this browser teaches, else join the address's or the last joined room. */
  async function resume() {
    const fromPath = codeFromPath(location.pathname);
    const claim = roomToClaim(storage(), readFlags(location.search).room ?? fromPath);
    if (claim) {
      const ack = await client.send("claim", { code: claim.code, teacher_token: claim.token });
      if (ack.ok) return keepAddress({ ...ack, code: ack.code ?? claim.code }), true;
      forgetTeacher(storage(), claim.code);
    }
    const code = joinedAs?.code ?? fromPath;
    if (code) return join(code, joinedAs?.name);
    return false;
  }

  async function send(event, failure) {
    const ack = await client.send(event);
    if (!ack.ok) ctx.flash(ack.error?.message ?? failure);
    return ack;
  }

  $("share").addEventListener("click", share);
  $("join-open").addEventListener("click", () => {
    dock.show("class");
    $("join-code").focus();
  });
  $("class-chip").addEventListener("click", () => dock.show("class"));
  for (const id of ["qr-show", "qr-show-panel"]) $(id).addEventListener("click", showQr);
  $("qr-close").addEventListener("click", () => $("qr-dialog").close());
  $("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!(await join($("join-code").value, $("join-name").value.trim()))) return;
    // Joined: the teacher's run is at the top of the page (on a phone the form was far below it).
    document.activeElement?.blur();
    window.scrollTo({ top: 0 });
  });
  $("join-code").addEventListener("input", () => say("join-error", null));
  $("fork").addEventListener("click", () => send("fork", "Could not start your own run."));
  $("follow").addEventListener("click", () => send("follow", "Could not follow the teacher."));
  $("leave").addEventListener("click", async () => {
    const ack = await send("leave", "Could not leave the class.");
    if (ack.ok) {
      joinedAs = null;
      history.replaceState(null, "", `/${location.search}`);
    }
  });
  $("submit-run").addEventListener("click", async () => {
    const label = $("submit-label").value.trim();
    const ack = await client.send("submit_run", label ? { label } : {});
    ctx.flash(ack.ok ? `Your run is on the class board (${ack.entries} ${ack.entries === 1 ? "run" : "runs"}).` : ack.error?.message ?? "Could not submit the run.");
  });

  return {
    resume,
    /** Show the room of `classState` when it changed. */
    render(classState) {
      if (classState.versions.room === shown) return;
      shown = classState.versions.room;
      show(classState.room);
    },
    /** Allow sharing and joining once connected. */
    setEnabled(enabled) {
      $("share").disabled = !enabled;
      $("join-submit").disabled = !enabled;
    },
  };
}
