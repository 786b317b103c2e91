"""Static rules for the chat widget, checked by reading web/ (no browser, no server).

- the widget (JS plus any CSS next to it) stays under 45 KB unminified (40 KB until English
  readers got the translation with a switch to the original, answers their lists and refusals
  their example questions: issues 12 and 14);
- web/*.js and web/*.html reference no absolute URL at all: no "http://", "https://" or
  protocol-relative "//host" in src/href/url()/import, so an embedding page never makes a
  request beyond the rivs-qa server it points the widget at;
- innerHTML only ever receives constant markup: a template literal without `${` or a named
  constant that is itself such a literal; the other HTML-parsing sinks are not used at all;
- the element registers itself through a static define().
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "web"
WIDGET = WEB / "rivs-chat.js"
SIZE_LIMIT = 45_000  # bytes, unminified JS + CSS

PROTOCOL_RELATIVE = re.compile(
    r"""(?:src|href|action)\s*=\s*["']//|url\(\s*["']?//|from\s+["']//|import\(\s*["']//"""
)
HTML_SINKS = [
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "createContextualFragment",
    "DOMParser",
    "eval(",
    "new Function",
]

WEB_FILES = sorted(p for p in WEB.iterdir() if p.suffix in {".js", ".html", ".css"})


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _template_literals(source: str) -> dict[str, str]:
    """`const NAME = `...`;` definitions: constant name -> literal body."""
    return {m[1]: m[2] for m in re.finditer(r"\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*`([^`]*)`", source)}


def test_web_files_exist() -> None:
    assert WIDGET.is_file()
    assert (WEB / "index.html").is_file()


def test_widget_with_its_css_is_under_45_kb() -> None:
    css = [p for p in WEB.glob("*.css")]
    total = WIDGET.stat().st_size + sum(p.stat().st_size for p in css)
    assert total < SIZE_LIMIT, f"rivs-chat.js + CSS is {total} bytes, limit {SIZE_LIMIT}"


@pytest.mark.parametrize("path", WEB_FILES, ids=lambda p: p.name)
def test_no_absolute_urls(path: Path) -> None:
    text = _read(path)
    for scheme in ("http://", "https://"):
        assert scheme not in text.lower(), f"{path.name} mentions {scheme}"
    # protocol-relative references ("//cdn.example/x.js") in attributes, CSS or imports
    bad = re.findall(PROTOCOL_RELATIVE, text)
    assert not bad, f"{path.name} has protocol-relative references: {bad}"


@pytest.mark.parametrize("path", WEB_FILES, ids=lambda p: p.name)
def test_no_remote_fonts_or_stylesheets(path: Path) -> None:
    text = _read(path)
    assert "@import" not in text
    assert "@font-face" not in text
    assert not re.search(r"<link[^>]+rel=[\"']?stylesheet", text), "stylesheets must be inline"


def test_innerhtml_only_takes_constant_markup() -> None:
    source = _read(WIDGET)
    constants = _template_literals(source)
    assignments = list(re.finditer(r"\.innerHTML\s*(\+?=)\s*([^;\n]+)", source))
    assert assignments, "expected the static template to be set through innerHTML"
    for m in assignments:
        op, rhs = m[1], m[2].strip()
        assert op == "=", f"innerHTML {op} {rhs}"
        if rhs.startswith("`"):
            literal = re.match(r"`[^`]*`", source[m.start(2) :])  # may span lines
            assert literal and "${" not in literal[0], f"innerHTML = {rhs}"
        else:
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", rhs), f"innerHTML = {rhs}: not a named constant"
            assert rhs in constants, f"{rhs} is not a template-literal constant"
            assert "${" not in constants[rhs], f"{rhs} interpolates data"


@pytest.mark.parametrize("sink", HTML_SINKS)
def test_no_other_html_sinks(sink: str) -> None:
    assert sink not in _read(WIDGET)


def test_registers_with_static_define() -> None:
    source = _read(WIDGET)
    assert re.search(r"\bstatic\s+define\s*\(", source)
    assert "customElements" in source and ".define(" in source
    assert re.search(r"^RivsChatElement\.define\(\);?\s*$", source, re.M)
    assert "attachShadow({ mode: 'open' })" in source


def test_demo_page_embeds_the_widget_from_static() -> None:
    html = _read(WEB / "index.html")
    assert '<html lang="lv">' in html
    assert '<script type="module" src="/static/rivs-chat.js"></script>' in html
    assert 'mode="inline"' in html and 'mode="floating"' in html
    # the embed snippet shown to readers, escaped so that it is text, not a second element
    assert (
        '&lt;script type="module" src="/static/rivs-chat.js"&gt;&lt;/script&gt;'
        '&lt;rivs-chat api="" lang="en" mode="floating"&gt;&lt;/rivs-chat&gt;'
    ) in html
