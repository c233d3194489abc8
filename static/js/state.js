// The client's picture of its session, built only from server messages.
//
// Data flows one way: socket message → apply*() here → render. Each apply*
// bumps a version counter so the renderer redraws only what changed.
// A rewind (`rewound`) puts the past epoch's numbers where the page reads the
// run's (epoch, weights, losses ...), keeping the present aside until "now"
// comes back, so every view shows the past without knowing about rewinds.
// Non-goal: talking to the socket or touching the page.
import { appendHistory, createHistory } from "./history.js";
import { sizesOf } from "./forward.js";
import { createClassState } from "./classroom/state.js";
import { decodePixels } from "./images/data.js";

/** A state before any message has arrived. */
export function createState() {
  return {
    connected: false,
    protocol: null,
    session: null,
    schema: null,
    catalog: null,
    limits: { max_frame_rate: 60, max_message_bytes: 1000000, max_csv_bytes: 131072, max_points: 1000 },
    run: null,
    settings: null,
    sizes: null,
    activation: null,
    outputActivation: "tanh",
    features: ["x1", "x2"],
    classes: 2,
    domain: 6,
    data: { train: [], test: [] },
    epoch: 0,
    running: false,
    lossTrain: null,
    lossTest: null,
    metric: null,
    metricTrain: null,
    metricTest: null,
    weights: null,
    biases: null,
    parameterCount: null,
    images: null, // an image run's shape and test images (applyRun), else null
    convKernels: null,
    convBiases: null,
    report: null, // an image run's latest test report (confusion matrix ...)
    stopped: null,
    rewound: null, // { epoch, now, earliest } while a rewind shows a past epoch
    present: null, // the run's numbers now, kept aside while rewound
    earliest: 0, // the oldest epoch the run can go back to (from rewind acks and messages)
    history: createHistory(),
    classroom: createClassState(), // room, board, question, poll (classroom/state.js)
    versions: { schema: 0, settings: 0, run: 0, data: 0, frame: 0 },
  };
}

/** Apply `hello`: protocol, session, control schema, catalog, limits. */
export function applyHello(state, msg) {
  state.protocol = msg.protocol;
  state.session = msg.session;
  state.schema = msg.schema ?? {};
  state.catalog = msg.catalog ?? {};
  state.limits = { ...state.limits, ...(msg.limits ?? {}) };
  state.versions.schema++;
  return state;
}

/** Apply a full settings object (from `run` or a configure ack). */
export function applySettings(state, settings) {
  if (!settings) return state;
  state.settings = { ...state.settings, ...settings };
  state.versions.settings++;
  return state;
}

/** An image run's `run` fields as the page keeps them (test images decoded), or null. */
function imagesOf(msg) {
  const images = msg.images;
  if (!images) return null;
  const size = msg.image_size;
  const pixels = decodePixels(images.test?.pixels, size, images.scale);
  return {
    size,
    mapSizes: msg.map_sizes ?? [size],
    conv: msg.conv_layers ?? [],
    pool: Boolean(msg.pool),
    classNames: msg.class_names ?? [],
    trainCount: images.train_count ?? 0,
    test: pixels.map((image, i) => ({ pixels: image, label: images.test.labels?.[i] ?? null })),
  };
}

/**
 * Apply `run`. A new run number starts over (weights, epoch and curve go); the
 * same number (after add_points / erase_points / add_images) only replaces the data.
 */
export function applyRun(state, msg) {
  const sameRun = msg.run === state.run;
  state.run = msg.run;
  state.sizes = msg.sizes.slice();
  state.images = imagesOf(msg);
  if (typeof msg.parameter_count === "number") state.parameterCount = msg.parameter_count;
  if (typeof msg.output_activation === "string") state.outputActivation = msg.output_activation;
  if (Array.isArray(msg.features)) state.features = msg.features.slice();
  if (typeof msg.classes === "number") state.classes = msg.classes;
  if (typeof msg.domain === "number") state.domain = msg.domain;
  state.data = { train: msg.data?.train ?? [], test: msg.data?.test ?? [] };
  state.versions.data++;
  if (!sameRun) {
    state.epoch = 0;
    state.weights = null;
    state.biases = null;
    state.stopped = null;
    state.lossTrain = null;
    state.lossTest = null;
    state.metric = null;
    state.metricTrain = null;
    state.metricTest = null;
    state.convKernels = null;
    state.convBiases = null;
    state.report = null;
    state.history = createHistory();
    state.rewound = null;
    state.present = null;
    state.earliest = 0;
    state.versions.run++;
  }
  applySettings(state, msg.settings);
  return state;
}

// What a frame (or a rewind) sets that a past epoch replaces: message key → state key.
const SHOWN = { epoch: "epoch", activation: "activation", loss_train: "lossTrain", loss_test: "lossTest", metric: "metric", metric_train: "metricTrain", metric_test: "metricTest", weights: "weights", biases: "biases", conv_kernels: "convKernels", conv_biases: "convBiases" };

function showNumbers(target, msg) {
  for (const [key, name] of Object.entries(SHOWN)) {
    if (key === "activation" && typeof msg.activation !== "string") continue;
    target[name] = msg[key] ?? null;
  }
}

/**
 * Apply `rewound`: show the run as it was at `msg.epoch` (the present kept aside),
 * or, with `epoch` null, the present again.
 */
export function applyRewound(state, msg) {
  if (msg.run !== state.run) return state;
  state.earliest = msg.earliest ?? state.earliest;
  if (msg.epoch === null || msg.epoch === undefined) {
    if (state.present) Object.assign(state, state.present);
    state.present = null;
    state.rewound = null;
  } else {
    state.present ??= Object.fromEntries(Object.values(SHOWN).map((name) => [name, state[name]]));
    showNumbers(state, msg);
    state.running = false;
    state.rewound = { epoch: msg.epoch, now: msg.now, earliest: msg.earliest ?? 0 };
  }
  state.versions.frame++;
  return state;
}

/** Apply `frame`: epoch, losses, weights, new history, stop reason. */
export function applyFrame(state, msg) {
  if (msg.run !== state.run) {
    // A run we were not told about: the protocol says drop the curve.
    state.run = msg.run;
    state.history = createHistory();
    state.versions.run++;
  }
  showNumbers(state.present ?? state, msg); // while rewound, the present moves on aside
  state.running = Boolean(msg.running);
  if (msg.report) state.report = msg.report;
  if (msg.weights?.length) state.sizes = sizesOf(msg.weights);
  state.stopped = msg.stopped ?? null;
  const h = msg.history;
  if (h && Array.isArray(h.train)) appendHistory(state.history, h.start, h.train, h.test, Array.isArray(h.epochs) ? h.epochs : null);
  state.versions.frame++;
  return state;
}

/** Apply the ack of play or pause: whether training runs. */
export function applyRunning(state, running) {
  state.running = running;
  if (running) state.stopped = null;
  state.versions.frame++;
  return state;
}
