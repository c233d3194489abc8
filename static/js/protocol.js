// Socket event names of protocol version 5 (docs/PROTOCOL.md).
//
// The one JS list of event names; tests/test_protocol_doc.py parses the two
// literal arrays below, so keep them in exactly this form.
// Non-goal: payload validation (the server validates and names the field).

export const PROTOCOL_VERSION = 5;

export const CLIENT_EVENTS = ["configure", "play", "pause", "step", "reset", "set_parameter", "add_points", "erase_points", "upload_csv", "export_model", "import_model", "explain_point", "add_images", "upload_images", "export_images", "share", "claim", "join", "fork", "follow", "leave", "submit_run", "ask", "answer", "reveal"];
export const SERVER_EVENTS = ["hello", "run", "frame", "settings", "room", "board", "board_change", "question", "poll"];
