// Draw the page's part in a class: the teacher's code, address and QR; a student's bar;
// which tools show (share and join outside a room, the class chip inside one).
//
// Takes the `room` state and the join address (joincode.joinAddress); decides nothing.
import { displayCode } from "../joincode.js";

const $ = (id) => document.getElementById(id);
const FOLLOW_NOTE = "You are following the teacher's run. Press “Explore on my own” to try your own settings.";
const OWN_NOTE = "You are exploring on your own. Submit your run to the class board, or follow the teacher again.";

function students(n) {
  return `${n} ${n === 1 ? "student" : "students"}`;
}

/** Show `room` = { code, role, following, members }; `join` = { url, text, lan } for a teacher. */
export function drawRoom(room, join) {
  const teacher = room.role === "teacher";
  const student = room.role === "student";
  document.body.classList.toggle("is-teacher", teacher);
  document.body.classList.toggle("is-student", student);
  document.body.classList.toggle("is-following", student && room.following);
  document.body.dataset.room = room.code ?? "";
  document.body.dataset.role = room.role ?? "";
  $("room-teacher").hidden = !teacher;
  $("room-student").hidden = !student;
  $("class-start").hidden = Boolean(room.code);
  $("share").hidden = Boolean(room.code);
  $("join-open").hidden = Boolean(room.code);
  $("class-chip").hidden = !teacher;
  $("qr-show").hidden = !teacher;
  if (teacher) {
    $("room-code").textContent = displayCode(room.code);
    $("chip-code").textContent = displayCode(room.code);
    $("room-url").href = join.url;
    $("room-url").textContent = join.text;
    $("room-lan").hidden = join.lan !== false;
    const qr = `/join/${room.code}/qr.svg`;
    if ($("room-qr").getAttribute("src") !== qr) $("room-qr").src = qr;
    $("room-members").textContent = students(room.members);
    $("chip-members").textContent = students(room.members);
  }
  if (student) {
    $("follow-note").textContent = room.following ? FOLLOW_NOTE : OWN_NOTE;
    $("fork").hidden = !room.following;
    $("follow").hidden = room.following;
    $("submit-run").hidden = room.following;
    $("submit-label").hidden = room.following;
  }
}

/** Fill the full-screen QR view for `room` and `join`. */
export function drawQr(room, join) {
  $("qr-code").textContent = displayCode(room.code);
  $("qr-url").textContent = join.text;
  const qr = `/join/${room.code}/qr.svg`;
  if ($("qr-image").getAttribute("src") !== qr) $("qr-image").src = qr;
}
