// Wire every classroom feature into the page: projector and palette, lessons, rooms, board, questions.
//
// main.js calls wireClassroom() once with what it already has (state, client,
// socket, its command helpers) and, after each hello, resume() before it
// applies the address, then afterAddress(). Data still flows one way:
// server message → state → render; this module only adds the classroom's own
// events (room, board, question, poll) and widgets.
import { applySettings } from "../state.js";
import { applyBoardChange } from "./board.js";
import { drawBoard } from "./boardview.js";
import { readFlags } from "./flags.js";
import { wireProjector } from "./projector.js";
import { wireQuestions } from "./questions.js";
import { wireRoom } from "./room.js";
import { wireLessons } from "../lessons/player.js";

const $ = (id) => document.getElementById(id);
const RESTART_NOTICE = "Network changed: training restarted";

/**
 * `ctx` = { state, client, socket, schedule(), redraw(), setEnabled(bool),
 * showError(error), flash(id, text), command(event) }.
 * ctx.setEnabled is main's: it asks following() whether steering is locked.
 * Returns { resume(): Promise<bool>, afterAddress(), setConnected(bool), following(): bool }.
 */
export function wireClassroom(ctx) {
  const { state, client, socket } = ctx;
  let following = false;
  let lastBoard = null;

  wireProjector(ctx.redraw);
  const questions = wireQuestions({ client, socket });

  const room = wireRoom({
    client,
    socket,
    flash: (text) => ctx.flash("notice-error", text),
    lock(locked) {
      if (locked === following) return;
      following = locked;
      ctx.setEnabled(state.connected);
    },
    onRoom(r) {
      if (!r.code) questions.reset();
      $("board").hidden = r.role !== "teacher" || !lastBoard;
      if (r.role === "teacher") $("ask-send").disabled = false;
    },
  });

  const lessons = wireLessons({
    state,
    canSteer: () => !following,
    async apply(settings) {
      const ack = await client.send("configure", settings);
      if (ack.ok) {
        applySettings(state, ack.settings);
        if (ack.restarted) ctx.flash("notice-restart", RESTART_NOTICE);
      } else ctx.showError(ack.error);
      ctx.schedule();
      return ack;
    },
    command: ctx.command,
  });

  // The loss history's length, for the browser tests (main's handlers ran first).
  const markHistory = () => { $("loss-chart").dataset.history = String(state.history.length); };
  socket.on("run", markHistory);
  socket.on("frame", markHistory);

  const showBoard = (board) => {
    lastBoard = board;
    $("board").hidden = false;
    drawBoard($("board-curves"), $("board-rows"), board);
  };
  socket.on("board", showBoard);
  socket.on("board_change", (change) => showBoard(applyBoardChange(lastBoard ?? undefined, change)));
  new ResizeObserver(() => lastBoard && !$("board").hidden && drawBoard($("board-curves"), $("board-rows"), lastBoard)).observe($("board"));

  return {
    resume: room.resume,
    afterAddress() {
      lessons.start(readFlags(location.search).lesson);
    },
    setConnected: room.setEnabled,
    following: () => following,
  };
}
