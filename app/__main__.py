"""``python -m app [--host H] [--port P] [--lan]``: serve the playground with gunicorn.

Defaults come from the config (``PLAYGROUND_HOST``, ``PLAYGROUND_PORT`` ...);
flags win over them. The container's command is this same entry.
"""
import argparse

from . import config
from .server import check_log_level, serve


def parse(argv: list[str] | None, values: dict) -> argparse.Namespace:
    """The command line, with ``host`` and ``port`` resolved against the config ``values``."""
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=None,
                        help=f"address to listen on (default PLAYGROUND_HOST, else "
                             f"{config.Config.HOST}: this computer only)")
    parser.add_argument("--port", type=int, default=None,
                        help=f"default PLAYGROUND_PORT, else {config.Config.PORT}")
    parser.add_argument("--lan", action="store_true",
                        help="serve the local network too (students' devices) and print the "
                             "address they should open, as text and a QR code")
    args = parser.parse_args(argv)
    if args.lan and args.host not in (None, "0.0.0.0"):
        parser.error("--lan listens on every interface; leave out --host")
    args.host = args.host or ("0.0.0.0" if args.lan else values["HOST"])
    args.port = values["PORT"] if args.port is None else args.port
    return args


def main(argv: list[str] | None = None) -> None:
    try:
        values = config.load()
        check_log_level(values["LOG_LEVEL"])
    except ValueError as error:
        raise SystemExit(f"python -m app: {error}") from None
    args = parse(argv, values)
    serve(values, args.host, args.port, lan=args.lan)


if __name__ == "__main__":
    main()
