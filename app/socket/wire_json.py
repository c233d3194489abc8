"""The JSON module Socket.IO uses here: strict (no NaN or Infinity) and compact.

Browsers cannot parse NaN or Infinity, so the encoder refuses them
(``allow_nan=False``): a message that carries one fails where it is sent,
loudly, instead of breaking every page that receives it. Messages are made
JSON-safe where they are built (``messages``), so none should ever get here.
No spaces after separators: frames go to every watcher up to 60 times a
second, and ", " / ": " add about 10 % to a 6×8 network's frame.
(python-socketio takes the module process-wide: every app here speaks the same JSON.)
"""
import json

loads = json.loads


def dumps(value, **options) -> str:
    options.setdefault("separators", (",", ":"))
    options["allow_nan"] = False
    return json.dumps(value, **options)
