"""Take the README's screenshots from the real page: a projector, a laptop and a phone.

``.venv/bin/python tools/screenshots.py`` starts the app on a free loopback port, opens the
page in headless Chromium at each size, trains a run for a few seconds, pauses, and saves
small PNGs in docs/screenshots/ (colours reduced to a palette, so each is tens of KB).
``--out DIR`` writes elsewhere, ``--only NAME`` takes one. Needs the dev setup
(``scripts/setup --dev``: Playwright and Pillow) and Debian's /usr/bin/chromium.
Non-goal: pixel-exact images (training and fonts differ between machines).
"""
import argparse
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (after the path is set)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.live_server import serve  # noqa: E402

COLOURS = 96  # palette size: the page is flat colours and gradients; 96 keep them smooth
VIEWS = {
    # name: (width, height, address, touch)
    "projector": (1280, 720, "/?projector=1&dataset=spiral&hidden_layers=8,8,6&features=x1,x2,sin_x1,sin_x2"
                             "&speed=10000&stop_after=700", False),
    "laptop": (1366, 768, "/?dataset=xor&hidden_layers=4,3&stop_after=300&speed=10000", False),
    "phone": (390, 844, "/?dataset=circle&stop_after=200&speed=10000", True),
}


def shoot(browser, url: str, name: str, out: Path) -> Path:
    """Open view `name`, train until its stop, save the optimised PNG; return its path."""
    width, height, address, touch = VIEWS[name]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    # As a returning visitor: the glossary stays folded in the pictures.
    context.add_init_script("localStorage.setItem('nn-playground.captions-dismissed', '1')")
    page = context.new_page()
    page.goto(url + address)
    expect(page.locator("html")).to_have_attribute("data-address-applied", "true", timeout=15_000)
    expect(page.locator("#play")).to_be_enabled()
    page.locator("#play").click()
    expect(page.locator("#coach .coach-note[data-kind='stopped']")).to_be_visible(timeout=60_000)
    expect(page.locator("#heatmap canvas.heatmap-field")).to_have_attribute("data-grid", "80")
    png = page.screenshot()
    context.close()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT)
    path = out / f"{name}.png"
    image.save(path, optimize=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(prog="tools/screenshots.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", choices=sorted(VIEWS))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    names = [args.only] if args.only else list(VIEWS)
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder) / "server.log") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for name in names:
            path = shoot(browser, url, name, args.out)
            print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
                  f"({path.stat().st_size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
