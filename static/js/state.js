// The client's picture of its session, built only from server messages.
//
// Data flows one way: socket message → apply*() here → render. Each apply*
// bumps a version counter so the renderer redraws only what changed.
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
    state.versions.run++;
  }
  applySettings(state, msg.settings);
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
  state.epoch = msg.epoch;
  state.running = Boolean(msg.running);
  if (typeof msg.activation === "string") state.activation = msg.activation;
  state.lossTrain = msg.loss_train ?? null;
  state.lossTest = msg.loss_test ?? null;
  state.metric = msg.metric ?? null;
  state.metricTrain = msg.metric_train ?? null;
  state.metricTest = msg.metric_test ?? null;
  state.weights = msg.weights;
  state.biases = msg.biases;
  state.convKernels = msg.conv_kernels ?? null;
  state.convBiases = msg.conv_biases ?? null;
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
