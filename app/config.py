"""Every limit and default of the server, as named keys overridable from the environment.

``Config`` is read once by ``create_app``; each key can be overridden with an
environment variable ``PLAYGROUND_<KEY>`` (e.g. ``PLAYGROUND_MAX_NEURONS=10``)
or by passing a dict to ``create_app``. The README's limits table lists them.
"""
import os

_ENV_PREFIX = "PLAYGROUND_"


class Config:
    """Defaults for production use in a classroom."""

    # Network and data limits (also sent to the browser in the settings schema).
    MAX_HIDDEN_LAYERS = 6
    MAX_NEURONS = 8
    MIN_POINTS = 20
    MAX_POINTS = 1000
    MAX_BATCH_SIZE = 30
    MAX_SPEED = 10_000          # epochs per second; the maximum means "unthrottled"
    # Streaming and sessions.
    MAX_FRAME_RATE = 60         # frames per second per run (a display refresh; fewer with many watchers)
    FRAME_FANOUT_BUDGET = 3600  # frame sends per second per run (frames slow down past it)
    TRAIN_PROCESSES = len(os.sched_getaffinity(0))  # training processes (the cores this process may use); 0 trains in the web process
    TRAIN_SLICE_SECONDS = 0.004  # without processes: longest a training turn holds a run's lock
    TRAIN_REST_RATIO = 0.5      # rest after a slice, as a share of it, when screens (or other runs) wait
    WORKER_TIMEOUT_SECONDS = 15.0  # a training process silent this long is killed and started again
    MAX_SESSIONS = 400          # training sessions in this process
    MAX_SESSIONS_PER_ADDRESS = 50  # sessions opened from one client address
    MAX_EVENTS_PER_SECOND = 20  # events one connection may send, sustained ...
    EVENT_BURST = 40            # ... with bursts up to this many
    MAX_ROOMS = 50              # shared classroom runs
    MAX_ROOMS_PER_ADDRESS = 3   # rooms shared from one client address
    JOIN_MISSES_PER_MINUTE = 30  # unknown class codes one address may try a minute
    MAX_ROOM_MEMBERS = 400      # students in one room
    MAX_BOARD_ENTRIES = 400     # runs on one room's experiment board
    SUBMIT_INTERVAL_SECONDS = 2.0  # a student resubmits to the board at most this often
    COLLECT_PER_STUDENT = 30    # points (or images) one student may add to a class data set
    COLLECT_PER_ROOM = 1000     # points (images) in a class data set (<= MAX_POINTS, MAX_IMAGES)
    COLLECT_SEND_SECONDS = 0.25  # collected points reach the class at most this often
    CLASS_VIEW_SECONDS = 1.0    # the class view shows each student's run this often
    REWIND_CHECKPOINTS = 256    # checkpoints a run keeps to rewind (memory per run, see README)
    REWIND_SPACING = 10         # fewest epochs between two regular checkpoints
    ROOM_GRACE_SECONDS = 900    # a room waits this long for its teacher to come back
    RECONNECT_GRACE_SECONDS = 60  # a closed page's session waits this long to be resumed
    SWEEP_SECONDS = 1.0         # how often expired sessions and rooms are looked for
    MAX_MESSAGE_BYTES = 1_000_000  # largest incoming Socket.IO message (model files)
    MAX_CSV_BYTES = 131_072     # largest uploaded CSV of points
    HISTORY_RECENT_EPOCHS = 2_000   # a run's loss history keeps every one of its last epochs ...
    HISTORY_THINNED_POINTS = 2_000  # ... and this many readings of older ones (minima, maxima kept)
    # Images (problem "images"): the architecture, the data, the frames.
    MAX_CONV_LAYERS = 3         # convolution layers in an image network
    MAX_FILTERS = 16            # filters (feature maps) in one convolution layer
    MAX_KERNEL = 5              # largest kernel side; kernels are odd, 3 … this (3×3, 5×5)
    MAX_IMAGE_NEURONS = 32      # neurons in one dense hidden layer of an image network
    MAX_IMAGE_PARAMETERS = 10_000  # weights + biases of an image network (~7.7 bytes each per frame)
    MAX_IMAGE_MULTIPLY_ADDS = 100_000  # multiply-adds of one image's forward pass (bounds an epoch's time)
    MAX_IMAGE_BATCH_SIZE = 64   # batch_size of an image run
    MAX_IMAGES = 2000           # images in a data set of your own (drawn, uploaded, added)
    MAX_IMAGE_BYTES = 524_288   # largest uploaded text of images
    IMAGE_REPORT_SECONDS = 1.0  # a training image run's frames carry the test set's confusion matrix this often
    # Serving.
    PROXY_HOPS = 0              # trusted reverse proxies in front (nginx: 1): client address from X-Forwarded-For
    MESSAGE_QUEUE = ""          # e.g. redis://127.0.0.1:6379/0: instances share classes (docs/SCALE-OUT.md)
    HOST = "127.0.0.1"          # python -m app listens here (--host wins; the image sets 0.0.0.0)
    PORT = 5000                 # ... and on this port (--port wins)
    PUBLIC_URL = ""             # the address students open (join links, QR); empty: http://HOST:PORT/
    WORKER_CONNECTIONS = 5000   # sockets the gevent worker holds at once (a class ~400; attacks, more)
    HEADER_SECONDS = 5          # longest a request may take to send its line and headers
    MAX_TCP_PER_ADDRESS = 200   # open TCP connections from one address (off behind a proxy)
    MAX_CONNECTIONS_PER_ADDRESS = 60  # open Engine.IO connections from one address
    OPEN_SECONDS = 5.0          # an Engine.IO connection must open its Socket.IO session within this
    MAX_STRIKES = 20            # connections one address may have closed or refused ...
    STRIKE_SECONDS = 60         # ... per this many seconds, before it is turned away at the door
    SEND_QUEUE_LIMIT = 64       # messages waiting for a client that does not read: beyond, it is closed
    MAX_BAD_PACKETS = 3         # undecodable, binary or reserved-name packets before a connection closes
    LOG_LEVEL = "INFO"          # server log: who did what; tokens and payloads are never logged


class TestConfig(Config):
    TESTING = True
    TRAIN_PROCESSES = 0   # handler tests: the same runner, training in this process (LocalBackend);
    #                       tests/training/test_processes.py runs the worker processes end to end


def _parse(text: str, like: object) -> object:
    """Convert an environment string to the type of the default ``like``."""
    if isinstance(like, bool):
        return text.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(text)
    if isinstance(like, float):
        return float(text)
    return text


def load(base: type = Config, overrides: dict | None = None,
         environ: os._Environ | dict = os.environ) -> dict:
    """Return the config as a dict: class defaults, then environment, then ``overrides``."""
    values = {key: getattr(base, key) for key in dir(base) if key.isupper()}
    for key, default in values.items():
        text = environ.get(_ENV_PREFIX + key)
        if text is not None:
            try:
                values[key] = _parse(text, default)
            except ValueError:
                raise ValueError(f"{_ENV_PREFIX}{key}={text!r} is not a valid "
                                 f"{type(default).__name__}") from None
    values.update(overrides or {})
    return values
