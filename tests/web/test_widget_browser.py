"""The chat widget in a real chromium against a real ``rivs-qa serve`` (issue #5).

One server for the module, on the repo's index/ (``real_index_dir`` builds it when
missing); a fresh browser context per test, so every test starts with empty
sessionStorage. Every test's page is watched: a request to anything but the server, or a
JavaScript dialog, fails the test.

Screenshots (1280 px and 360 px) go to test-artifacts/web/; with RIVS_QA_UPDATE_SCREENSHOTS=1
the README's two and the feature pictures (docs/answer-with-list.png, …) are also copied to docs/.

Tests parametrized with ``page`` run at 1280 px and at 360 px (``indirect``: the fixture reads
the width); the narrow page hides the demo page's floating bubble, which would cover buttons.

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
def page(
    request: pytest.FixtureRequest, browser: Browser, server: Server, traffic: Traffic
) -> Iterator[Page]:
    width = getattr(request, "param", 1280)
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 400 else 780},
        device_scale_factor=1 if width > 400 else 2,
        locale="en-GB",
    )
    pg = context.new_page()
    pg.on("request", lambda request: traffic.urls.append(request.url))

    def on_dialog(dialog: Any) -> None:
        traffic.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    expect.set_options(timeout=ANSWER_TIMEOUT_MS)
    pg.goto(server.url + "/")
    if width <= 400:
        pg.locator("#show-floating").uncheck()  # the bubble sits over the inline widget's buttons
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


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def sec_label(section_id: str, title: str) -> str:
    """A section as the widget names it: its number once, then its titles without numbers."""
    t = " › ".join(re.sub(r"^[IVX\d]+(\.\d+)*\.?\s+", "", part) for part in title.split(" › "))
    return f"{section_id} {t}".strip() if re.fullmatch(r"[IVX]+[.\d]*", section_id) else t


def width_of(page: Page) -> int:
    return (page.viewport_size or {"width": 1280})["width"]


def shot_name(page: Page, name: str) -> str:
    """docs/NAME.png at 1280 px, docs/NAME-360.png at 360 px."""
    return f"{name}.png" if width_of(page) > 400 else f"{name}-360.png"


def trimmed(quote: str) -> str:
    """A quote as the widget marks it: without the punctuation it may end in ("x;" may be "x,")."""
    return re.sub(r'^[\s….,;:"„“]+|[\s….,;:!?"”]+$', "", quote)


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
    leaf = cited["section_title"].split(" › ")[-1]
    reference = "RIVS 2019. gada ziņojums, " + sec_label(cited["section_id"], leaf)
    assert copied == one_line(f"„{cited['quote']}” — {reference}")


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


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
@pytest.mark.parametrize(
    ("question", "heading", "expected"),
    [
        (
            "What does the report say about enlargement countries in 2031?",
            "These sections of the report may help:",
            {
                "III": "III Roma inclusion in the enlargement region",
                "II.2": "II.2 Fighting discrimination and antigypsyism"
                " › Achievements and challenges",
            },
        ),
        (
            "Cik romu strādāja 2031. gadā?",
            "Varbūt noderēs šīs ziņojuma sadaļas:",
            {"I.2.1": "I.2.1 BŪTISKAS POLITIKAS JOMAS › NODARBINĀTĪBA › Pasākumu mērķis"},
        ),
    ],
    ids=["en", "lv"],
)
def test_refusal_sharing_a_subject_offers_sections_numbered_once(
    page: Page, question: str, heading: str, expected: dict[str, str]
) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, question)
    assert not body["answerable"] and body["suggestions"] and not body["examples"], body
    answer = chat.get_by_test_id("message-assistant")
    expect(answer).to_have_class(re.compile(r"\babstain\b"))
    expect(answer.locator("h3")).to_have_text([heading])
    expect(answer.get_by_test_id("example")).to_have_count(0)
    chips = answer.get_by_test_id("suggestion")
    labels = [sec_label(s["section_id"], s["title"]) for s in body["suggestions"]]
    expect(chips).to_have_text(labels)
    texts = {s["section_id"]: label for s, label in zip(body["suggestions"], labels, strict=True)}
    for section_id, text in expected.items():
        assert texts[section_id] == text, texts  # e.g. not "III III. Roma inclusion …"
    for text in texts.values():
        number, _, rest = text.partition(" ")
        assert not rest.startswith(number.split(".")[0] + "."), text

    section_id = body["suggestions"][0]["section_id"]
    with page.expect_response(lambda r: "/api/sections/" in r.url) as info:
        chips.first.click()
    assert info.value.url.endswith(f"?lang={body['lang']}")  # the answer's language
    viewer = chat.get_by_test_id("viewer")
    expect(viewer.locator("[data-pid]").first).to_be_visible()
    assert viewer.get_attribute("data-section") == section_id
    expect(viewer).to_have_attribute("data-lang", body["lang"])


# --- English readers, the answer's language, lists, refusals ----------------------------


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
def test_english_answer_shows_its_source_in_english_and_switches_to_the_original(
    page: Page,
) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, "What are the success factors for Roma inclusion?")
    assert body["lang"] == "en" and body["translation_note"], body
    answer = chat.get_by_test_id("message-assistant")
    # the note on the translation once for the whole answer, not once per source
    expect(answer.get_by_test_id("translation-note")).to_have_text([body["translation_note"]])
    marker = answer.get_by_test_id("citation-marker").first
    n = int(marker.get_attribute("data-n") or 0)
    cited = next(c for c in body["citations"] if c["n"] == n)
    assert cited["section_id"] == "IV" and cited["quote_en"] != cited["quote"], cited

    marker.click()
    card = chat.locator(f"[data-testid=source-card][data-n='{n}']")
    expect(card.get_by_test_id("source-text")).to_have_attribute("lang", "en")
    expect(card.get_by_test_id("source-quote")).to_have_text(trimmed(cited["quote_en"]))
    with page.expect_response(lambda r: "/api/sections/" in r.url) as info:
        card.get_by_test_id("open-section").click()
    assert info.value.url.endswith("/api/sections/IV?lang=en"), info.value.url
    en = info.value.json()
    viewer = chat.get_by_test_id("viewer")
    highlight = viewer.get_by_test_id("viewer-highlight")
    switch = viewer.get_by_test_id("viewer-lang")

    def shows(lang: str, section: dict, quote: str) -> None:
        # the section shows footnote markers apart, as superscripts: the marked text is the
        # quote without the markers it prints glued to a word ("pilnvaras54,")
        quote = re.sub(r"(?<=[^\W\d_])\d{1,3}(?=[\s.,;:!?)]|$)", "", quote)
        expect(viewer).to_have_attribute("data-lang", lang)
        expect(viewer.get_by_test_id("viewer-body")).to_have_attribute("lang", lang)
        expect(viewer.locator("h2")).to_have_text(f"{section['number']} {section['title']}")
        expect(highlight.first).to_be_visible()
        assert highlight.evaluate("n => n.tagName") == "MARK"
        assert [squash(t) for t in highlight.all_inner_texts()] == [squash(trimmed(quote))]
        paragraphs = viewer.locator("[data-pid]")
        expect(paragraphs).to_have_count(len(section["display"]))
        expect(paragraphs.first).to_contain_text(section["display"][0]["text"][:40])
        note = [section["translation_note"]] if section["translation_note"] else []
        expect(viewer.get_by_test_id("translation-note")).to_have_text(note)

    assert en["title"] == "Conclusions" and en["translation_note"]
    shows("en", en, cited["quote_en"])
    expect(switch).to_have_text("LV oriģināls")  # a control: in the widget's language (the page's)
    with page.expect_response(lambda r: "/api/sections/" in r.url) as info:
        switch.click()
    assert info.value.url.endswith("/api/sections/IV?lang=lv"), info.value.url
    lv = info.value.json()
    assert lv["title"] == "SECINĀJUMI" and lv["translation_note"] is None
    shows("lv", lv, cited["quote"])
    expect(switch).to_have_text("EN tulkojums")
    expect(switch).to_be_focused()
    # the source card it was opened from shows the original too
    expect(card.get_by_test_id("source-text")).to_have_attribute("lang", "lv")
    expect(card.get_by_test_id("source-quote")).to_have_text(trimmed(cited["quote"]))

    switch.click()  # back, from the cache
    shows("en", en, cited["quote_en"])
    expect(card.get_by_test_id("source-text")).to_have_attribute("lang", "en")
    shot(chat, shot_name(page, "english-source-viewer"), readme=True)


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
def test_copy_quote_copies_the_language_on_screen_with_the_section(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    chat = page.locator(INLINE)
    _, body = ask(chat, "What are the success factors for Roma inclusion?")
    marker = chat.get_by_test_id("citation-marker").first
    n = int(marker.get_attribute("data-n") or 0)
    cited = next(c for c in body["citations"] if c["n"] == n)
    marker.click()
    card = chat.locator(f"[data-testid=source-card][data-n='{n}']")
    copy = card.get_by_test_id("copy")

    copy.click()
    expect(copy).to_have_text("Nokopēts")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == one_line(f"“{cited['quote_en']}” — RIVS 2019 report, IV Conclusions")

    expect(copy).to_have_text("Kopēt citātu")
    card.get_by_test_id("source-lang").click()
    expect(card.get_by_test_id("source-text")).to_have_attribute("lang", "lv")
    expect(card.get_by_test_id("source-lang")).to_have_text("EN tulkojums")
    expect(card.get_by_test_id("source-quote")).to_have_text(trimmed(cited["quote"]))
    copy.click()
    expect(copy).to_have_text("Nokopēts")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == one_line(f"„{cited['quote']}” — RIVS 2019 report, IV Conclusions")


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
def test_answers_follow_their_own_language_and_controls_the_widgets(page: Page) -> None:
    chat = page.locator(INLINE)
    chat.evaluate("el => el.setAttribute('lang', 'lv')")
    _, refusal = ask(chat, "What share of Roma were in paid work in 2031?")
    assert refusal["lang"] == "en" and refusal["suggestions"], refusal
    _, body = ask(chat, "What share of Roma are in paid work?")
    assert body["lang"] == "en" and body["facts"] and body["citations"], body
    first, second = chat.get_by_test_id("message-assistant").all()

    # what the answers carry: English
    expect(first.locator("h3")).to_have_text(["These sections of the report may help:"])
    table = second.get_by_test_id("facts-table")
    expect(table.locator("caption")).to_have_text("Figures from the report")
    expect(table.locator("th")).to_have_text(["Item", "Value", "Breakdown"])
    expect(table).to_contain_text("women 29%; men 56%")
    expect(second.locator("h3")).to_have_text(["Sources"])
    expect(second.get_by_test_id("translation-note")).to_have_text([body["translation_note"]])
    expect(second.get_by_test_id("answer")).to_have_attribute("lang", "en")
    # the widget's own controls: Latvian
    expect(chat.get_by_test_id("input")).to_have_attribute("placeholder", "Jautājiet par ziņojumu…")
    expect(chat.get_by_test_id("send")).to_have_text("Sūtīt")
    expect(chat.get_by_test_id("new-conversation")).to_have_accessible_name("Jauna saruna")
    expect(second.get_by_test_id("copy").first).to_have_text("Kopēt citātu")
    expect(second.get_by_test_id("open-section").first).to_have_text("Atvērt sadaļu")
    expect(second.get_by_test_id("source-lang").first).to_have_text("LV oriģināls")
    expect(second.get_by_test_id("citation-marker").first).to_have_accessible_name(
        re.compile(r"^Avots \d+$")
    )
    shot(chat, shot_name(page, "english-answer-on-latvian-page"), readme=True)

    # an English interface: the controls change, the answers keep their language
    chat.get_by_test_id("lang-toggle").click()
    expect(chat.get_by_test_id("send")).to_have_text("Send")
    expect(second.get_by_test_id("copy").first).to_have_text("Copy quote")
    _, latvian = ask(chat, "Cik liela daļa romu strādā algotu darbu?")
    assert latvian["lang"] == "lv" and latvian["facts"], latvian
    third = chat.get_by_test_id("message-assistant").last
    figures = third.get_by_test_id("facts-table")
    expect(figures.locator("caption")).to_have_text("Skaitļi no ziņojuma")
    expect(figures).to_contain_text("sievietes 29 %; vīrieši 56 %")
    expect(third.locator("h3")).to_have_text(["Avoti"])
    expect(third.get_by_test_id("translation-note")).to_have_count(0)
    expect(third.get_by_test_id("copy").first).to_have_text("Copy quote")
    expect(second.locator("h3")).to_have_text(["Sources"])
    expect(first.locator("h3")).to_have_text(["These sections of the report may help:"])


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
@pytest.mark.parametrize(
    ("question", "lang", "heading"),
    [
        ("What is the weather in Riga?", "en", "Questions the report answers:"),
        ("Cik maksā biļete uz Parīzi?", "lv", "Ziņojums atbild, piemēram, uz šiem jautājumiem:"),
    ],
    ids=["en", "lv"],
)
def test_refusal_sharing_nothing_offers_example_questions_that_ask(
    page: Page, question: str, lang: str, heading: str
) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, question)
    assert body["lang"] == lang and not body["answerable"], body
    assert body["examples"] and not body["suggestions"], body
    refusal = chat.get_by_test_id("message-assistant")
    expect(refusal).to_have_class(re.compile(r"\babstain\b"))
    expect(refusal.get_by_test_id("answer")).to_have_text(body["answer"])
    expect(refusal.locator("h3")).to_have_text([heading])
    examples = refusal.get_by_test_id("example")
    expect(examples).to_have_text(body["examples"])
    for example in examples.all():
        expect(example).to_have_attribute("lang", lang)
    expect(refusal.get_by_test_id("suggestion")).to_have_count(0)
    if lang == "en":
        shot(chat, shot_name(page, "refusal-with-suggestions"), readme=True)

    with page.expect_response(_is_ask) as info:
        examples.first.click()
    assert info.value.request.post_data_json["question"] == body["examples"][0]
    answered = info.value.json()
    assert answered["answerable"] and answered["lang"] == lang, answered
    expect(chat.get_by_test_id("message-user").last).to_have_text(body["examples"][0])
    expect(chat.get_by_test_id("message-assistant")).to_have_count(2)
    reply = chat.get_by_test_id("message-assistant").last
    expect(reply.get_by_test_id("citation-marker").first).to_be_visible()
    expect(reply).not_to_have_class(re.compile(r"\babstain\b"))


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Which promising approaches does Finland have?", "en"),
        ("Kādas daudzsološas pieejas minētas mājokļu jomā?", "lv"),
    ],
    ids=["en", "lv"],
)
def test_list_answer_renders_its_items_as_a_list(page: Page, question: str, lang: str) -> None:
    chat = page.locator(INLINE)
    _, body = ask(chat, question)
    assert body["lang"] == lang and body["lead"] and len(body["items"]) >= 3, body
    answer = chat.get_by_test_id("answer")
    expect(answer.locator("p.lead")).to_have_text(body["lead"])
    items = answer.locator("ul[data-testid=answer-list] > li")
    expect(items).to_have_text(
        [" ".join([it["text"], *(f"[{n}]" for n in it["citations"])]) for it in body["items"]]
    )
    for li, item in zip(items.all(), body["items"], strict=True):
        markers = li.get_by_test_id("citation-marker")
        expect(markers).to_have_count(len(item["citations"]))
    # figures the list already shows are not repeated in a table
    listed = {it["text"] for it in body["items"]}
    label = "label_en" if lang == "en" else "label"
    rest = [f for f in body["facts"] if f[label] not in listed]
    expect(chat.get_by_test_id("facts-table").locator("tbody tr")).to_have_count(len(rest))
    note = [body["translation_note"]] if body["translation_note"] else []
    expect(chat.get_by_test_id("translation-note")).to_have_text(note)
    if lang == "en":
        shot(chat, shot_name(page, "answer-with-list"), readme=True)

    items.first.get_by_test_id("citation-marker").first.click()
    n = body["items"][0]["citations"][0]
    card = chat.locator(f"[data-testid=source-card][data-n='{n}']")
    expect(card).to_have_attribute("open", "")
    with page.expect_response(lambda r: "/api/sections/" in r.url) as info:
        card.get_by_test_id("open-section").click()
    section = info.value.json()
    cited = next(c for c in body["citations"] if c["n"] == n)
    # an approach's English quote is a sentence of its own ("Promising approach in …: … (Finland)"),
    # not in the translation word for word: the item whose original holds the quote is marked whole
    units = zip(section["display"], section["paragraphs"], strict=True)
    unit = next(d for d, p in units if squash(trimmed(cited["quote"])) in squash(p["text"]))
    highlight = chat.get_by_test_id("viewer").get_by_test_id("viewer-highlight")
    expect(highlight).to_have_text([unit["text"]])


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
        "lead": f"lead {XSS}", "items": [{"text": f"item {XSS}", "citations": [1]}],
        "translation_note": XSS, "examples": [XSS],
        "facts": [{
            "kind": "table_row", "id": XSS, "label": XSS, "label_en": XSS, "value": 1.0,
            "unit": XSS, "breakdowns": {XSS: 2.0}, "count": 3, "countries": [XSS], "citation": 1,
        }],
        "citations": [{
            "n": 1, "chunk_id": XSS, "section_id": "I.1", "section_title": XSS, "kind": XSS,
            "text": f"before {XSS} after", "quote": XSS, "score": 1.0,
            "text_en": f"before {XSS} after", "quote_en": XSS,
        }],
        "suggestions": [{"section_id": "I.1", "title": XSS}],
    }  # fmt: skip
    section = {
        "id": "I.1", "number": XSS, "title_lv": XSS, "title_en": XSS, "title": XSS, "level": 2,
        "parent_id": None, "domain": None, "paragraph_count": 1, "lang": "en",
        "translation_note": XSS,
        "paragraphs": [{
            "id": "p1", "section_id": "I.1", "kind": "paragraph", "text": f"a {XSS} b",
            "text_en": f"a {XSS} b",
            "footnotes": [{"n": 1, "phrase": "a", "offset": 1, "offset_en": 1}],
        }],
        "display": [{"id": "p1", "kind": "paragraph", "text": f"a {XSS} b", "markers": {"1": 1}}],
        "footnotes": [{
            "n": 1, "text": XSS, "text_en": XSS, "countries": [XSS],
            "urls": ["javascript:alert(1)"], "section_id": "I.1",
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
    assert text.count(XSS) >= 15, text


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
