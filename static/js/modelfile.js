// Checks and names for the model and data files the page exchanges.
//
// A client must not send a message larger than hello.limits.max_message_bytes
// (the server would drop the connection), so files are measured first, in
// UTF-8 bytes as they travel. Non-goal: validating a model's contents (the
// server does, naming the field).

/** Size in UTF-8 bytes of `text`. */
export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/** Human size: "812 bytes", "12.3 kB", "1.4 MB". */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Refusal message when `text` (the file's content) cannot be sent within
 * `limit` bytes (room is kept for the event's envelope), else null.
 */
export function tooBig(text, limit, what = "file", envelope = 64) {
  if (!(limit > 0)) return null;
  const size = byteLength(text);
  if (size + envelope <= limit) return null;
  return `The ${what} is too big: ${formatBytes(size)}; the server accepts at most ${formatBytes(limit - envelope)}.`;
}

/** Parse a model file's text; throw an Error with a readable message if it is not a model. */
export function parseModel(text) {
  let model;
  try {
    model = JSON.parse(text);
  } catch (error) {
    throw new Error(`Not a model file: the JSON is invalid (${error.message}).`);
  }
  if (!model || typeof model !== "object" || model.format !== "nn-playground-model") {
    throw new Error('Not a model file: "format" must be "nn-playground-model".');
  }
  return model;
}

/** File name of a download: "<stem>-epoch-<n>.<ext>". */
export function fileName(stem, epoch, ext) {
  return `${stem}-epoch-${epoch}.${ext}`;
}
