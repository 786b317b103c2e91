"""The chat widget in a real chromium against a real ``rivs-qa serve`` (issue #5).

One server for the module, on the repo's index/ (``real_index_dir`` builds it when
missing); a fresh browser context per test, so every test starts with empty
sessionStorage. Every test's page is watched: a request to anything but the server, or a
JavaScript dialog, fails the test.

Screenshots (1280 px and 360 px) go to test-artifacts/web/; with RIVS_QA_UPDATE_SCREENSHOTS=1
the README's two are also copied to docs/.

chromium comes from Debian (``make system-deps``), never from ``playwright install``; set
RIVS_QA_CHROMIUM to use another binary.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright
from tests.server_utils import Server, running_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("RIVS_QA_CHROMIUM", "/usr/bin/chromium")
XSS = "<img src=x onerror=alert(1)>"
ANSWER_TIMEOUT_MS = 20_000  # the first question also waits for the embedding model

INLINE = "rivs-chat[mode=inline]"
FLOATING = "rivs-chat#floating"


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(real_index_dir: Path) -> Iterator[Server]:
    # a whole module of questions from one client must not meet the rate limit
    env = {"RIVS_QA_INDEX_DIR": str(real_index_dir), "RIVS_QA_RATE_LIMIT": "1000/minute"}
    with running_server(env=env, startup_timeout=120) as srv:
        yield srv


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make system-deps` (Debian's chromium)")
    b = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
    yield b
    b.close()


@dataclass
class Traffic:
    """What one page asked for: every request URL, and the messages of JavaScript dialogs."""

    urls: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser: Browser, server: Server, traffic: Traffic) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.on("request", lambda request: traffic.urls.append(request.url))

    def on_dialog(dialog: Any) -> None:
        traffic.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    expect.set_options(timeout=ANSWER_TIMEOUT_MS)
    pg.goto(server.url + "/")
    yield pg
    context.close()
    outside = [u for u in traffic.urls if not u.startswith(server.url + "/")]
    assert not outside, f"requests beyond the server: {outside}"
    assert not traffic.dialogs, f"dialogs fired: {traffic.dialogs}"


# --- helpers ----------------------------------------------------------------------------


def ask(widget: Locator, question: str, *, send: str = "Enter") -> tuple[dict, dict]:
    """Type ``question``, send it, wait for the answer; (request body, response body)."""
    answers = widget.get_by_test_id("message-assistant")
    before = answers.count()
    box = widget.get_by_test_id("input")
    with widget.page.expect_response(_is_ask, timeout=ANSWER_TIMEOUT_MS) as info:
        box.fill(question)
        if send == "Enter":
            box.press("Enter")
        else:
            widget.get_by_test_id("send").click()
    expect(answers).to_have_count(before + 1)
    response = info.value
    assert response.status == 200, response.text()
    return response.request.post_data_json, response.json()


def _is_ask(response: Any) -> bool:
    return response.url.endswith("/api/ask") and response.request.method == "POST"


def squash(text: str) -> str:
    """Text compared the widget's way: no whitespace, case folded, NFC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).casefold()


def shot(target: Page | Locator, name: str, *, readme: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    target.screenshot(path=str(path))
    if readme and os.environ.get("RIVS_QA_UPDATE_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(path, DOCS / name)
    return path


# --- answers and citations --------------------------------------------------------------


def test_latvian_starter_question_gets_a_cited_answer_with_figures(page: Page) -> None:
    chat = page.locator(INLINE)
    starter = chat.get_by_test_id("starter").first
    question = starter.inner_text()
    assert question == "Cik liela daļa romu strādā algotu darbu?"  # UI follows <html lang="lv">

    with page.expect_response(_is_ask) as info:
        starter.click()
    body = info.value.json()
    assert info.value.request.post_data_json == {
        "question": question, "session_id": None, "lang": None, "top_k": 5,
    }  # fmt: skip
    assert body["lang"] == "lv" and body["answerable"] and body["citations"]

    answer = chat.get_by_test_id("message-assistant")
    expect(answer).to_have_count(1)
    expect(chat.get_by_test_id("message-user")).to_have_text(question)
    expect(chat.get_by_test_id("intro")).to_be_hidden()
    expect(answer.get_by_test_id("answer")).to_have_attribute("lang", "lv")
    expect(answer.get_by_test_id("citation-marker").first).to_be_visible()
    expect(answer.get_by_test_id("source-card")).to_have_count(len(body["citations"]))
    # an indicator answer: its figures in a compact table, each row citing its source
    table = answer.get_by_test_id("facts-table")
    expect(table).to_be_visible()
    expect(table).to_contain_text("43 %")
    expect(table).to_contain_text("sievietes 29 %")
    expect(table.get_by_test_id("fact-citation").first).to_be_visible()


def test_english_question_gets_an_english_cited_answer(page: Page) -> None:
    chat = page.locator(INLINE)
    # what the log goes through while waiting: a typing indicator and aria-busy
    chat.evaluate(
        """el => {
          const log = el.shadowRoot.querySelector('[data-testid=log]');
          window.seen = [];
          new MutationObserver((records) => records.forEach((r) => {
            if (r.type === 'attributes') window.seen.push('busy=' + log.getAttribute('aria-busy'));
            r.addedNodes.forEach((n) => window.seen.push(n.dataset?.testid));
          })).observe(log, { childList: true, attributes: true, attributeFilter: ['aria-busy'] });
        }"""
    )
    request, body = ask(chat, "What share of Roma are in paid work?")
    seen = page.evaluate("window.seen")
    assert seen[:3] == ["message-user", "typing", "busy=true"], seen
    assert seen[-2:] == ["message-assistant", "busy=false"], seen
    assert request["lang"] is None  # the server picks the answer language from the question
    assert body["lang"] == "en" and body["answerable"] and body["citations"]
    answer = chat.get_by_test_id("message-assistant").last
    expect(answer.get_by_test_id("answer")).to_have_attribute("lang", "en")
    expect(answer.get_by_test_id("answer")).to_contain_text("43")
    expect(answer.get_by_test_id("citation-marker").first).to_have_text(re.compile(r"\[\d+\]"))


def test_citation_opens_its_card_and_the_section_with_the_quote_highlighted(page: Page) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, "Cik liela daļa romu strādā algotu darbu?", send="click")
    marker = chat.get_by_test_id("citation-marker").first
    n = int(marker.get_attribute("data-n") or 0)
    cited = next(c for c in body["citations"] if c["n"] == n)

    marker.click()
    card = chat.locator(f"[data-testid=source-card][data-n='{n}']")
    expect(card).to_have_attribute("open", "")
    quote = card.get_by_test_id("source-quote")
    expect(quote).to_be_visible()
    assert squash(quote.inner_text()) in squash(cited["quote"]) + squash(cited["text"])

    with page.expect_response(lambda r: "/api/sections/" in r.url) as info:
        card.get_by_test_id("open-section").click()
    section = info.value.json()
    assert section["id"] == cited["section_id"]
    viewer = chat.get_by_test_id("viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator("h2")).to_contain_text(section["title_lv"])
    highlight = viewer.get_by_test_id("viewer-highlight").first
    expect(highlight).to_be_visible()
    assert highlight.evaluate("n => n.tagName") == "MARK"
    marked = viewer.get_by_test_id("viewer-highlight").all_inner_texts()
    assert all(squash(m) in squash(cited["quote"]) for m in marked), (marked, cited["quote"])
    # the whole section is there, not only the quote
    paragraphs = viewer.locator("[data-pid]")
    expect(paragraphs).to_have_count(len(section["paragraphs"]))
    shot(chat, "screenshot-1280.png", readme=True)

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    card.get_by_test_id("copy").click()
    expect(card.get_by_test_id("copy")).to_have_text("Nokopēts")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert squash(cited["quote"]) in squash(copied) and cited["section_title"] in copied


def test_viewer_lists_the_sections_footnotes(page: Page, server: Server) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, "Kuras valstis minēja starpniecību kā panākumu izglītībā?")
    cited = body["citations"][0]
    chat.get_by_test_id("citation-marker").first.click()
    chat.locator(f"[data-testid=source-card][data-n='{cited['n']}']").get_by_test_id(
        "open-section"
    ).click()
    viewer = chat.get_by_test_id("viewer")
    section = page.request.get(f"{server.url}/api/sections/{cited['section_id']}").json()
    assert section["footnotes"], "pick a question whose section has footnotes"
    notes = viewer.locator("ol > li")
    expect(notes).to_have_count(len(section["footnotes"]))
    expect(notes.first).to_contain_text(section["footnotes"][0]["text"][:20])
    expect(viewer.locator("sup").first).to_be_visible()  # footnote numbers in the text


def test_unanswerable_question_offers_sections_to_read(page: Page) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, "What share of Roma were in paid work in 2031?")
    assert not body["answerable"] and body["suggestions"], body
    answer = chat.get_by_test_id("message-assistant")
    expect(answer).to_have_class(re.compile(r"\babstain\b"))
    suggestions = answer.get_by_test_id("suggestion")
    expect(suggestions).to_have_count(len(body["suggestions"]))
    first = body["suggestions"][0]
    expect(suggestions.first).to_have_text(f"{first['section_id']} {first['title']}")
    suggestions.first.click()
    viewer = chat.get_by_test_id("viewer")
    expect(viewer.locator("[data-pid]").first).to_be_visible()
    assert viewer.get_attribute("data-section") == first["section_id"]


# --- conversation -----------------------------------------------------------------------


def test_follow_up_continues_the_same_conversation(page: Page) -> None:
    chat = page.locator(INLINE)
    _, first = ask(chat, "What share of Roma are in paid work?")
    request, second = ask(chat, "And men?")
    assert request["session_id"] == first["session_id"]
    assert second["session_id"] == first["session_id"]
    assert second["answerable"], second
    answer = chat.get_by_test_id("message-assistant").last
    expect(answer.get_by_test_id("answer")).to_contain_text("56")
    # the question as the server understood it is shown when it differs from the typed one
    expect(answer.locator(".resolved")).to_contain_text(second["resolved_question"])


def test_conversation_survives_a_reload(page: Page) -> None:
    chat = page.locator(INLINE)
    _, first = ask(chat, "Cik liela daļa romu strādā algotu darbu?")
    answer_text = chat.get_by_test_id("answer").inner_text()

    page.reload()
    expect(chat.get_by_test_id("message-user")).to_have_text(
        ["Cik liela daļa romu strādā algotu darbu?"]
    )
    expect(chat.get_by_test_id("answer")).to_have_text(answer_text)
    expect(chat.get_by_test_id("intro")).to_be_hidden()

    request, _ = ask(chat, "Un vīrieši?")
    assert request["session_id"] == first["session_id"]


def test_new_conversation_forgets_the_session(page: Page) -> None:
    chat = page.locator(INLINE)
    ask(chat, "What share of Roma are in paid work?")
    chat.get_by_test_id("new-conversation").click()
    expect(chat.get_by_test_id("message-user")).to_have_count(0)
    expect(chat.get_by_test_id("intro")).to_be_visible()
    expect(chat.get_by_test_id("input")).to_be_focused()
    request, _ = ask(chat, "What share of Roma are in paid work?")
    assert request["session_id"] is None


def test_enter_sends_and_shift_enter_adds_a_line(page: Page, traffic: Traffic) -> None:
    chat = page.locator(INLINE)
    box = chat.get_by_test_id("input")
    box.click()
    box.type("Cik romu")
    box.press("Shift+Enter")
    box.type("strādā?")
    expect(box).to_have_value("Cik romu\nstrādā?")
    assert not any(u.endswith("/api/ask") for u in traffic.urls)
    with page.expect_response(_is_ask):
        box.press("Enter")
    expect(box).to_have_value("")
    expect(chat.get_by_test_id("message-user")).to_have_text("Cik romu\nstrādā?")


# --- safety -----------------------------------------------------------------------------


def test_markup_in_a_question_renders_as_text(page: Page, traffic: Traffic) -> None:
    chat = page.locator(INLINE)
    ask(chat, XSS)
    expect(chat.get_by_test_id("message-user")).to_have_text(XSS)
    assert page.locator("img").count() == 0  # css locators pierce the open shadow root
    assert not any(u.rstrip("/").endswith("/x") for u in traffic.urls)
    # (the page fixture checks that no dialog fired)


def test_markup_in_report_data_renders_as_text(page: Page, server: Server) -> None:
    """Every string the widget shows from an answer or a section, each carrying markup."""
    answer = {
        "session_id": "s1", "lang": "en", "answerable": False,
        "answer": f"{XSS} [1]", "resolved_question": f"q {XSS}",
        "facts": [{
            "kind": "table_row", "id": XSS, "label": XSS, "value": 1.0, "unit": XSS,
            "breakdowns": {XSS: 2.0}, "count": 3, "countries": [XSS], "citation": 1,
        }],
        "citations": [{
            "n": 1, "chunk_id": XSS, "section_id": "I.1", "section_title": XSS, "kind": XSS,
            "text": f"before {XSS} after", "quote": XSS, "score": 1.0,
        }],
        "suggestions": [{"section_id": "I.1", "title": XSS}],
    }  # fmt: skip
    section = {
        "id": "I.1", "number": XSS, "title_lv": XSS, "title_en": XSS, "level": 2,
        "parent_id": None, "domain": None, "paragraph_count": 1,
        "paragraphs": [{
            "id": "p1", "section_id": "I.1", "kind": "paragraph", "text": f"a {XSS} b",
            "footnotes": [{"n": 1, "phrase": "a", "offset": 1}],
        }],
        "footnotes": [{
            "n": 1, "text": XSS, "countries": [XSS], "urls": ["javascript:alert(1)"],
            "section_id": "I.1",
        }],
    }  # fmt: skip
    page.route("**/api/ask", lambda route: route.fulfill(json=answer))
    page.route("**/api/sections/*", lambda route: route.fulfill(json=section))
    chat = page.locator(INLINE)
    ask(chat, "anything")
    chat.get_by_test_id("citation-marker").first.click()
    chat.get_by_test_id("open-section").click()
    expect(chat.get_by_test_id("viewer-highlight").first).to_have_text(XSS)

    assert page.locator("img").count() == 0
    assert page.locator("a[href^=javascript]").count() == 0
    text = chat.evaluate("el => el.shadowRoot.textContent")
    assert text.count(XSS) >= 8, text


def test_the_page_asks_only_its_server(page: Page, server: Server, traffic: Traffic) -> None:
    """No CDN, font or analytics: the page, the script, and the API (checked on every test)."""
    chat = page.locator(INLINE)
    ask(chat, "Kā dalībvalstis apkaro diskrimināciju pret romiem?")
    chat.get_by_test_id("citation-marker").first.click()
    with page.expect_response(lambda r: "/api/sections/" in r.url):
        chat.get_by_test_id("open-section").first.click()
    page.locator(FLOATING).get_by_test_id("bubble").click()
    page.wait_for_load_state("networkidle")
    paths = {
        re.sub(r"/api/sections/.+", "/api/sections/…", u[len(server.url) :]) for u in traffic.urls
    }
    assert paths == {"/", "/static/rivs-chat.js", "/api/ask", "/api/sections/…"}, paths


# --- errors -----------------------------------------------------------------------------


def test_server_down_shows_a_friendly_error_and_retry_works(page: Page) -> None:
    chat = page.locator(INLINE)
    page.route("**/api/ask", lambda route: route.abort("connectionrefused"))
    box = chat.get_by_test_id("input")
    box.fill("Cik liela daļa romu strādā algotu darbu?")
    box.press("Enter")
    error = chat.get_by_test_id("error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("data-kind", "network")
    expect(error).to_contain_text("Neizdevās sazināties ar serveri")
    expect(chat.get_by_test_id("typing")).to_have_count(0)

    page.unroute("**/api/ask")
    with page.expect_response(_is_ask):
        error.get_by_test_id("retry").click()
    expect(chat.get_by_test_id("message-assistant")).to_have_count(1)
    expect(chat.get_by_test_id("error")).to_have_count(0)


def test_rate_limit_waits_for_retry_after_before_offering_a_retry(page: Page) -> None:
    page.route(
        "**/api/ask",
        lambda route: route.fulfill(
            status=429, headers={"Retry-After": "1"}, json={"detail": "Too many requests"}
        ),
    )
    chat = page.locator(INLINE)
    box = chat.get_by_test_id("input")
    box.fill("Cik liela daļa romu strādā algotu darbu?")
    box.press("Enter")
    error = chat.get_by_test_id("error")
    expect(error).to_have_attribute("data-kind", "rate")
    expect(error).to_contain_text("pēc 1 s")
    retry = error.get_by_test_id("retry")
    expect(retry).to_be_disabled()
    page.unroute("**/api/ask")
    expect(retry).to_be_enabled(timeout=3000)
    retry.click()
    expect(chat.get_by_test_id("message-assistant")).to_have_count(1)


def test_a_rejected_question_shows_the_servers_reason(page: Page) -> None:
    chat = page.locator(INLINE)
    box = chat.get_by_test_id("input")
    box.fill("x" * 1001)
    with page.expect_response(_is_ask) as info:
        box.press("Enter")
    assert info.value.status == 422
    detail = info.value.json()["detail"]
    error = chat.get_by_test_id("error")
    expect(error).to_have_attribute("data-kind", "client")
    expect(error).to_contain_text(detail)
    expect(error.get_by_test_id("retry")).to_have_count(0)  # the same question would fail again


# --- modes, language, accessibility, small screens --------------------------------------


def test_floating_widget_opens_and_closes(page: Page) -> None:
    widget = page.locator(FLOATING)
    bubble = widget.get_by_test_id("bubble")
    panel = widget.get_by_test_id("panel")
    expect(panel).to_be_hidden()
    expect(bubble).to_have_attribute("aria-expanded", "false")
    expect(bubble).to_have_attribute("aria-label", "Open the question window")  # lang="en"

    bubble.click()
    expect(panel).to_be_visible()
    expect(bubble).to_have_attribute("aria-expanded", "true")
    expect(widget.get_by_test_id("input")).to_be_focused()
    expect(widget.get_by_test_id("starter").first).to_have_text(
        "What share of Roma are in paid work?"
    )

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(bubble).to_be_focused()

    bubble.click()
    expect(panel).to_be_visible()
    widget.get_by_test_id("panel-close").click()
    expect(panel).to_be_hidden()


def test_title_attribute_names_the_widget(page: Page) -> None:
    chat = page.locator(INLINE)
    chat.evaluate("el => el.setAttribute('title', 'Ziņojuma palīgs')")
    expect(chat.get_by_test_id("title")).to_have_text("Ziņojuma palīgs")
    expect(chat.get_by_role("region", name="Ziņojuma palīgs")).to_be_visible()


def test_language_toggle_switches_the_interface_and_is_remembered(page: Page) -> None:
    chat = page.locator(INLINE)
    toggle = chat.get_by_test_id("lang-toggle")
    expect(toggle).to_have_accessible_name("EN: pārslēgt saskarni uz angļu valodu")
    toggle.click()
    expect(chat).to_have_attribute("lang", "en")
    expect(chat.get_by_test_id("title")).to_have_text("Ask the Roma integration report")
    expect(chat.get_by_test_id("input")).to_have_attribute("placeholder", "Ask about the report…")
    expect(chat.get_by_test_id("starter").first).to_have_text(
        "What share of Roma are in paid work?"
    )
    page.reload()
    expect(chat.get_by_test_id("send")).to_have_text("Send")


def test_controls_are_labelled_and_focus_is_visible(page: Page) -> None:
    chat = page.locator(INLINE)
    unlabelled = chat.evaluate(
        """el => [...el.shadowRoot.querySelectorAll('button, textarea')]
              .filter(b => !(b.getAttribute('aria-label') || b.textContent.trim()
                             || b.labels?.length))
              .map(b => b.outerHTML.slice(0, 80))"""
    )
    assert unlabelled == []
    expect(chat.get_by_role("textbox", name="Jūsu jautājums")).to_be_visible()
    expect(chat.get_by_role("log")).to_have_attribute("aria-live", "polite")

    chat.get_by_test_id("input").focus()
    page.keyboard.press("Tab")  # to the send button: a keyboard focus, so :focus-visible
    send = chat.get_by_test_id("send")
    expect(send).to_be_focused()
    outline = send.evaluate(
        "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline


def test_usable_at_360_px(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2)
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    try:
        page.goto(server.url + "/")
        chat = page.locator(INLINE)
        chat.scroll_into_view_if_needed()
        ask(chat, "Cik liela daļa romu strādā algotu darbu?")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        box = chat.get_by_test_id("panel").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
        for testid in ("input", "send", "new-conversation", "lang-toggle"):
            b = chat.get_by_test_id(testid).bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= 360, testid
        chat.evaluate("el => el.scrollIntoView()")  # the whole panel, above the floating bubble
        shot(page, "screenshot-360.png", readme=True)
        chat.get_by_test_id("citation-marker").first.click()

        # the source viewer covers the conversation on a narrow screen and closes again
        chat.get_by_test_id("open-section").first.click()
        viewer = chat.get_by_test_id("viewer")
        expect(viewer.get_by_test_id("viewer-highlight").first).to_be_visible()
        vb = viewer.bounding_box()
        assert vb and vb["x"] + vb["width"] <= 360
        viewer.get_by_test_id("viewer-close").click()
        expect(viewer).to_be_hidden()

        floating = page.locator(FLOATING)
        floating.get_by_test_id("bubble").click()
        fb = floating.get_by_test_id("panel").bounding_box()
        assert fb and fb["x"] >= 0 and fb["x"] + fb["width"] <= 360
        shot(page, "screenshot-360-floating.png")
    finally:
        context.close()
    assert all(u.startswith(server.url + "/") for u in urls), urls
