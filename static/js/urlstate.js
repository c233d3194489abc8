// The whole configuration in the URL's query string, driven by the schema.
//
// encodeSettings() writes every schema field present in the settings, in
// schema order, so a copied URL reproduces the run (the seed included);
// decodeSettings() reads them back with the schema's types. Lists are
// comma-separated ("hidden_layers=4,2", an empty value for no hidden layer; conv layers as
// filters x kernel: "conv_layers=8x3,16x5").
// Non-goal: range checks (the server refuses and names the field).

function encodeValue(entry, value) {
  if (entry.type === "conv_layers") return value.map((layer) => `${layer.filters}x${layer.kernel}`).join(",");
  if (entry.type === "layers" || entry.type === "features" || Array.isArray(value)) return value.join(",");
  return String(value);
}

function decodeValue(entry, text) {
  switch (entry.type) {
    case "number": {
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value)) throw new Error("is not a number");
      return value;
    }
    case "integer": {
      if (!/^-?\d+$/.test(text.trim())) throw new Error("is not an integer");
      return Number(text);
    }
    case "layers": {
      if (text.trim() === "") return [];
      const parts = text.split(",");
      if (!parts.every((p) => /^\d+$/.test(p.trim()))) throw new Error("must be neuron counts separated by commas");
      return parts.map(Number);
    }
    case "features":
      return text.trim() === "" ? [] : text.split(",").map((p) => p.trim());
    case "conv_layers": {
      if (text.trim() === "") return [];
      const layers = text.split(",").map((p) => /^\s*(\d+)x(\d+)\s*$/.exec(p));
      if (!layers.every(Boolean)) throw new Error("must be filters x kernel per layer, e.g. 8x3,16x5");
      return layers.map((m) => ({ filters: Number(m[1]), kernel: Number(m[2]) }));
    }
    case "boolean":
      if (text === "true" || text === "false") return text === "true";
      throw new Error("must be true or false");
    default:
      return text;
  }
}

/**
 * Query string ("a=1&b=x", no "?") of `settings` for the fields of `schema` that apply to
 * the settings' problem (an image run's address has no features, a point run's no conv_layers).
 */
export function encodeSettings(settings, schema) {
  const params = new URLSearchParams();
  for (const [name, entry] of Object.entries(schema ?? {})) {
    if (entry.applies_to && !entry.applies_to.includes(settings?.problem)) continue;
    if (settings?.[name] !== undefined) params.set(name, encodeValue(entry, settings[name]));
  }
  return params.toString().replaceAll("%2C", ",");
}

/**
 * Read settings from query string `query` ("?a=1..." or "a=1..."):
 * { settings, errors: [{ field, message }] }; unknown parameters are ignored.
 */
export function decodeSettings(query, schema) {
  const params = new URLSearchParams(query);
  const settings = {};
  const errors = [];
  for (const [name, entry] of Object.entries(schema ?? {})) {
    if (!params.has(name)) continue;
    try {
      settings[name] = decodeValue(entry, params.get(name));
    } catch (error) {
      errors.push({ field: name, message: `${name} in the address ${error.message}` });
    }
  }
  return { settings, errors };
}

/** Whether `query` names at least one settings field of `schema`. */
export function hasSettings(query, schema) {
  const params = new URLSearchParams(query);
  return Object.keys(schema ?? {}).some((name) => params.has(name));
}
