"""The page and every asset it names come from the app itself (classrooms are offline)."""
import re
from html.parser import HTMLParser


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name) and tag in {"script", "link", "img"}:
                self.urls.append(attrs[name])
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1


def test_page_assets_are_all_served_by_the_app(client):
    page = client.get("/")
    assert page.status_code == 200
    parser = _Assets()
    parser.feed(page.get_data(as_text=True))
    assert parser.urls, "the page names its assets"
    for url in parser.urls:
        assert url.startswith("/static/"), f"{url} is not served by the app"
        with client.get(url) as response:
            assert response.status_code == 200, f"{url} is missing (run scripts/setup)"
    assert parser.inline_scripts == 0


def test_modules_import_only_from_the_app(client):
    """Every ES module import (main.js and what it pulls in) resolves to a file the app serves."""
    seen, queue = set(), ["/static/js/main.js"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        with client.get(url) as response:
            assert response.status_code == 200, url
            source = response.get_data(as_text=True)
        for target in re.findall(r"""^\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]""",
                                 source, flags=re.MULTILINE):
            assert not re.match(r"^[a-z]+:", target), f"{url} imports {target} from another host"
            base = url.rsplit("/", 1)[0]
            resolved = target if target.startswith("/") else f"{base}/{target}"
            while "/./" in resolved or "/../" in resolved:
                resolved = re.sub(r"/\./", "/", resolved)
                resolved = re.sub(r"/[^/]+/\.\./", "/", resolved, count=1)
            if url.startswith("/static/js/"):
                queue.append(resolved)
    assert "/static/js/main.js" in seen and len(seen) > 3


def test_catalog_lists_functions_with_formulas(client):
    catalog = client.get("/api/catalog").get_json()
    assert catalog["protocol"] == 5
    from app.nn.activations import ACTIVATIONS
    activations = catalog["catalog"]["activations"]
    assert [a["name"] for a in activations] == list(ACTIVATIONS)
    assert all(a["formula"] and a["derivative_formula"] for a in activations)
