"""Export as code in the page: the .py file and the notebook of the run, as the server writes them."""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.classroom_helpers import open_student, share
from tests.browser.helpers import loaded, show_settings, step

pytestmark = pytest.mark.browser


def saved(page, button: str) -> tuple[str, str]:
    show_settings(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    with open(info.value.path(), encoding="utf-8") as f:
        return info.value.suggested_filename, f.read()


def test_the_page_offers_the_run_as_a_python_file_and_a_notebook(open_page):
    page, record = open_page(path="/?dataset=xor&seed=7")
    loaded(page)
    step(page, 12)
    name, text = saved(page, "Export as code (.py)")
    assert name.endswith(".py") and "xor" in name
    assert "import numpy as np" in text and "SEED = 7" in text
    expect(page.locator("#export-note")).to_contain_text("trains 12 epochs and ends with this run's weights")
    name, text = saved(page, "Export as notebook (.ipynb)")
    notebook = json.loads(text)
    assert name.endswith(".ipynb") and notebook["nbformat"] == 4
    assert record.errors == []


def test_a_student_following_the_class_can_take_the_teachers_code(open_page):
    page, _ = open_page()
    loaded(page)
    code = share(page)
    student, record = open_student(open_page, code, "Ada")
    show_settings(student)
    expect(student.get_by_role("button", name="Export model")).to_be_disabled()
    name, text = saved(student, "Export as code (.py)")
    assert name.endswith(".py") and "circle" in name and "import numpy as np" in text
    assert record.errors == []


def test_an_image_run_is_offered_as_code_too(open_page):
    page, record = open_page(path="/?problem=images&dataset=digits&seed=1")
    expect(page.locator("body")).to_have_class(re.compile(r"\bkind-images\b"), timeout=30_000)
    name, text = saved(page, "Export as code (.py)")
    assert name == "playground_images_digits_seed1.py"
    assert "def convolve(maps, kernels, biases):" in text and "SEED = 1" in text
    expect(page.locator("#export-note")).to_contain_text("ends with this run's weights")
    assert record.errors == []
