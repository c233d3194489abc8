// Predict-then-run questions: preset questions, answer checks, and the reveal's bars.
//
// Non-goal: drawing the bars (classroom/ui/questions.js) and sending (the server checks
// lengths too and names the field).

export const QUESTION_MAX = 200;
export const OPTION_MAX = 60;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

/** Ready-made questions a teacher can pick and edit. */
export const PRESET_QUESTIONS = Object.freeze([
  { question: "Will this learning rate converge?", options: ["Yes", "No", "Slowly"] },
  { question: "Will the test loss end up lower than the training loss?", options: ["Yes", "No", "About the same"] },
  { question: "Can this network separate the classes?", options: ["Yes", "No"] },
  { question: "What happens if we add a hidden layer?", options: ["Faster", "Slower", "No change", "It fails"] },
]);

/** { question, options } cleaned from a form (blank options dropped), or { error } naming the problem. */
export function checkQuestion(question, options) {
  const q = String(question ?? "").trim();
  const opts = (options ?? []).map((o) => String(o ?? "").trim()).filter((o) => o !== "");
  if (q === "") return { error: "Write the question." };
  if (q.length > QUESTION_MAX) return { error: `The question has ${q.length} characters; at most ${QUESTION_MAX}.` };
  if (opts.length < MIN_OPTIONS) return { error: `Give at least ${MIN_OPTIONS} answers.` };
  if (opts.length > MAX_OPTIONS) return { error: `Give at most ${MAX_OPTIONS} answers.` };
  const long = opts.findIndex((o) => o.length > OPTION_MAX);
  if (long >= 0) return { error: `Answer ${long + 1} has more than ${OPTION_MAX} characters.` };
  return { question: q, options: opts };
}

/**
 * Bars of a `poll` message: [{ label, count, share (0..1), text, mine }] in option order,
 * text like "7 (44%)"; share is 0 for every bar when nobody answered; `mine` marks the
 * answer this page gave (`answered` = { id, choice } of its last answer) to this question.
 */
export function pollBars({ id, options = [], counts = [] }, answered = null) {
  const total = counts.reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
  return options.map((label, k) => {
    const count = counts[k] ?? 0;
    const share = total > 0 ? count / total : 0;
    return { label, count, share, text: `${count} (${Math.round(share * 100)}%)`, mine: Boolean(answered) && answered.id === id && answered.choice === k };
  });
}

/** "12 answers" / "1 answer" / "No answers yet". */
export function answersText(total) {
  if (!total) return "No answers yet";
  return `${total} ${total === 1 ? "answer" : "answers"}`;
}
