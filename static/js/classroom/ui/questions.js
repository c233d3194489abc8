// Wire predict-then-run: the teacher's ask form and reveal, students' answer buttons, the poll bars.
//
// Checks and texts come from poll.js; the server checks again and names the field.
// The `question` and `poll` messages arrive through the state (classroom/state.js).
// Non-goal: running the experiment (the teacher presses Play as usual).
import { MAX_OPTIONS, PRESET_QUESTIONS, checkQuestion } from "../poll.js";
import { applyAsked } from "../state.js";
import { drawPoll } from "../draw/poll.js";

const $ = (id) => document.getElementById(id);

function say(id, message) {
  $(id).textContent = message ?? "";
  $(id).hidden = !message;
}

function element(tag, props = {}, text) {
  const el = Object.assign(document.createElement(tag), props);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** `ctx` = { client, classState, schedule }. Returns { render(classState) }. */
export function wireQuestions({ client, classState, schedule }) {
  let answered = null; // { id, choice } of this page's last answer
  const optionInputs = Array.from({ length: MAX_OPTIONS }, (_, k) => {
    const input = element("input", { type: "text", id: `ask-option-${k}`, maxLength: 60 });
    const label = element("label", { htmlFor: input.id, className: "visually-hidden" }, `Answer ${k + 1}`);
    $("ask-option-list").append(label, input);
    return input;
  });
  $("ask-preset").append(element("option", { value: "" }, "Write my own"));
  PRESET_QUESTIONS.forEach((p, k) => $("ask-preset").append(element("option", { value: String(k) }, p.question)));

  function usePreset(k) {
    const preset = PRESET_QUESTIONS[k];
    $("ask-question").value = preset?.question ?? "";
    optionInputs.forEach((input, j) => { input.value = preset?.options[j] ?? ""; });
  }
  usePreset(0);
  $("ask-preset").value = "0";
  $("ask-preset").addEventListener("change", (event) => usePreset(event.target.value === "" ? -1 : Number(event.target.value)));

  $("ask-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const checked = checkQuestion($("ask-question").value, optionInputs.map((i) => i.value));
    if (checked.error) return say("ask-error", checked.error);
    const ack = await client.send("ask", checked);
    if (!ack.ok) return say("ask-error", ack.error?.message ?? "The question was not sent.");
    say("ask-error", null);
    applyAsked(classState);
    schedule();
    $("ask-reveal").disabled = false;
    $("ask-send").textContent = "Ask again";
  });
  $("ask-reveal").addEventListener("click", async () => {
    const ack = await client.send("reveal");
    if (!ack.ok) say("ask-error", ack.error?.message ?? "Could not reveal the answers.");
  });

  function showQuestion(q) {
    $("question").hidden = !q;
    if (!q) return;
    $("question-text").textContent = q.question;
    $("question-status").textContent = "Tap your prediction. You can change it until the teacher reveals the answers.";
    $("question-options").replaceChildren(...q.options.map((text, choice) => {
      const b = element("button", { type: "button", className: "btn btn-answer" }, text);
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", async () => {
        const ack = await client.send("answer", { id: q.id, choice });
        if (!ack.ok) return void ($("question-status").textContent = ack.error?.message ?? "Your answer was not taken.");
        for (const other of $("question-options").children) other.setAttribute("aria-pressed", String(other === b));
        answered = { id: q.id, choice }; // marked among the bars once the teacher reveals
        $("question-status").textContent = `Your answer: ${text}. Waiting for the teacher to reveal.`;
      });
      return b;
    }));
  }

  function showPoll(poll) {
    $("poll").hidden = !poll;
    if (poll) drawPoll({ question: $("poll-question"), bars: $("poll-bars"), total: $("poll-total") }, poll, answered);
  }

  const shown = { question: -1, poll: -1 };
  return {
    /** Show the open question and the latest poll of `classState` when they changed. */
    render(classState) {
      const { versions } = classState;
      if (versions.question !== shown.question) showQuestion(classState.question);
      if (versions.poll !== shown.poll) showPoll(classState.poll);
      Object.assign(shown, { question: versions.question, poll: versions.poll });
    },
  };
}
