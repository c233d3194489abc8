"""``python -m app [--host H] [--port P] [--lan]``: serve the playground with gunicorn."""
import argparse

from .config import Config
from .server import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    parser.add_argument("--host", default=None,
                        help=f"address to listen on (default {Config.HOST}: this computer only)")
    parser.add_argument("--port", type=int, default=Config.PORT, help="default %(default)s")
    parser.add_argument("--lan", action="store_true",
                        help="serve the local network too (students' devices) and print the "
                             "address they should open, as text and a QR code")
    args = parser.parse_args()
    if args.lan and args.host not in (None, "0.0.0.0"):
        parser.error("--lan listens on every interface; leave out --host")
    serve(args.host or ("0.0.0.0" if args.lan else Config.HOST), args.port, lan=args.lan)


if __name__ == "__main__":
    main()
