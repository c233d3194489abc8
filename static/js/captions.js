// Plain-language captions for the words the playground uses, and when to show them.
//
// Shown on a first visit until dismissed (remembered by the caller in
// localStorage under CAPTIONS_KEY), shown again on request, and never in
// projector use (a "projector" body class or projector=1 in the address).
// Non-goal: storage or the page (ui/captions.js does both).

export const CAPTIONS_KEY = "nn-playground.captions-dismissed";

/** [{ term, text }] in the order a newcomer meets them. */
export const CAPTIONS = Object.freeze([
  { term: "Neuron", text: "A small unit that adds up its weighted inputs plus a bias, then passes the sum through its activation function." },
  { term: "Layer", text: "A column of neurons that all read the previous column. Hidden layers sit between the input features and the output." },
  { term: "Weight", text: "The number on a link: how strongly one neuron's value pushes the next neuron up (positive, solid) or down (negative, dashed)." },
  { term: "Bias", text: "A number each neuron adds to its weighted sum, so it can switch on even when all its inputs are zero." },
  { term: "Activation", text: "The function a neuron applies to its sum, such as tanh or ReLU. Without it, stacked layers could only draw straight boundaries." },
  { term: "Loss", text: "One number for how wrong the network is on a set of points; training tries to make the training loss small." },
  { term: "Epoch", text: "One pass through every training point. The epoch counter shows how many passes training has made." },
  { term: "Learning rate", text: "How big a step each weight takes downhill on the loss. Too small learns slowly; too large makes the loss jump or blow up." },
  { term: "Batch", text: "The handful of training points used for one step: their gradients are averaged, then every weight moves once." },
]);

/** Whether the address or the page says the screen is a projector. */
export function isProjector(search, bodyClasses) {
  return new URLSearchParams(search).get("projector") === "1" || Boolean(bodyClasses?.includes?.("projector"));
}

/**
 * Whether to show the captions: `requested` (true/false from the Explain
 * toggle, or null when the user has not asked) wins over a first visit
 * (`dismissed` false); projector use hides them regardless.
 */
export function captionsShown({ dismissed, requested = null, projector = false }) {
  if (projector) return false;
  return requested ?? !dismissed;
}
