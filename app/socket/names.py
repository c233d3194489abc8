"""The socket protocol's names: its version and every event, as docs/PROTOCOL.md lists them.

``static/js/protocol.js`` holds the same lists for the page; ``tests/test_protocol_doc.py``
checks that the document, this module and that one agree.
"""
PROTOCOL_VERSION = 5
CLIENT_EVENTS = ("configure", "play", "pause", "step", "reset", "set_parameter", "add_points",
                 "erase_points", "upload_csv", "export_model", "import_model", "explain_point",
                 "add_images", "upload_images", "export_images",
                 "share", "claim", "join", "fork", "follow", "leave", "submit_run", "ask",
                 "answer", "reveal")
SERVER_EVENTS = ("hello", "run", "frame", "settings", "room", "board", "board_change",
                 "question", "poll")
