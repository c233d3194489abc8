"""``python -m app [--host H] [--port P]``: serve the playground with gunicorn."""
import argparse

from .config import Config
from .server import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    parser.add_argument("--host", default=Config.HOST,
                        help="address to listen on (default %(default)s; 0.0.0.0 for a network)")
    parser.add_argument("--port", type=int, default=Config.PORT, help="default %(default)s")
    args = parser.parse_args()
    serve(args.host, args.port)


if __name__ == "__main__":
    main()
