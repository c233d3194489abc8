// Talk to the server: every emit carries an acknowledgement, as the protocol requires.
//
// send() resolves with the server's ack, or with a synthetic refusal when no
// ack arrives in time, so callers handle one shape: { ok, error: { field, message } }.
// Non-goal: retries (a refused event changed nothing on the server).
import { CLIENT_EVENTS, SERVER_EVENTS } from "./protocol.js";

const ACK_TIMEOUT_MS = 8000;

/** Wrap a Socket.IO `socket`; `handlers` maps server events to functions. */
export function createClient(socket, handlers) {
  for (const event of SERVER_EVENTS) {
    if (handlers[event]) socket.on(event, handlers[event]);
  }
  return {
    send(event, payload = {}) {
      if (!CLIENT_EVENTS.includes(event)) throw new RangeError(`not a client event: ${event}`);
      return new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => {
          if (err) resolve({ ok: false, error: { field: event, message: "The server did not answer in time." } });
          else resolve(ack ?? { ok: false, error: { field: event, message: "Empty answer from the server." } });
        });
      });
    },
  };
}
