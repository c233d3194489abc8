// Draw how the class answered: one bar per answer, with its count and share.
//
// Takes a `poll` message; the bars' numbers come from poll.pollBars(). Non-goal: sending.
import { answersText, pollBars } from "../poll.js";

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Fill the poll view (`question`, `bars` list and `total` elements) with `poll`; `answered` marks this page's answer. */
export function drawPoll({ question, bars, total }, poll, answered = null) {
  question.textContent = poll.question;
  total.textContent = answersText(poll.total);
  bars.replaceChildren(...pollBars(poll, answered).map((bar) => {
    const li = element("li", bar.mine ? "poll-bar is-mine" : "poll-bar");
    const track = element("span", "poll-track");
    const fill = element("span", "poll-fill");
    fill.style.width = `${(bar.share * 100).toFixed(1)}%`;
    track.append(fill);
    const label = element("span", "poll-label", bar.label);
    if (bar.mine) label.append(element("span", "poll-mine", " ✓ your answer"));
    li.append(label, track, element("span", "poll-count", bar.text));
    return li;
  }));
}
