// <rivs-chat>: cited answers about the EC 2019 report on national Roma integration strategies
// from a rivs-qa server. No dependencies, no build step; it talks only to its `api`.
// Embed: <script type="module" src="/static/rivs-chat.js"></script><rivs-chat></rivs-chat>
// Order: strings, styles, markup; pure helpers; renderers (data in, nodes out, text always as
// Text nodes); API client; Viewer and Chat behaviours; the element; registration.

const STRINGS = {
  lv: {
    title: 'Jautājumi par romu integrāciju',
    intro: 'Jautājiet par Eiropas Komisijas 2019. gada ziņojumu par romu integrācijas valsts stratēģijām. Atbildes balstās tikai uz ziņojuma tekstu, ar atsaucēm uz avotiem.',
    try: 'Piemēram:',
    question: 'Jūsu jautājums',
    placeholder: 'Jautājiet par ziņojumu…',
    send: 'Sūtīt',
    new: 'Jauna saruna',
    switch: 'EN: pārslēgt saskarni uz angļu valodu',
    langBtn: 'EN',
    open: 'Atvērt jautājumu logu',
    close: 'Aizvērt jautājumu logu',
    you: 'Jūs:',
    bot: 'Atbilde:',
    typing: 'Meklē atbildi ziņojumā…',
    understood: 'Sapratu kā: ',
    sources: 'Avoti',
    source: 'Avots {n}',
    copy: 'Kopēt citātu',
    copied: 'Nokopēts',
    openSection: 'Atvērt sadaļu',
    facts: 'Skaitļi no ziņojuma',
    f_label: 'Rādītājs',
    f_value: 'Vērtība',
    f_bd: 'Sadalījums',
    f_count: 'Skaits',
    f_countries: 'Valstis',
    suggest: 'Varbūt noderēs šīs ziņojuma sadaļas:',
    examples: 'Ziņojums atbild, piemēram, uz šiem jautājumiem:',
    toLv: 'LV oriģināls',
    toEn: 'EN tulkojums',
    report: 'RIVS 2019. gada ziņojums',
    errNet: 'Neizdevās sazināties ar serveri. Pārbaudiet savienojumu un mēģiniet vēlreiz.',
    errServer: 'Serverim radās kļūda. Lūdzu, mēģiniet vēlreiz.',
    errRate: 'Pārāk daudz pieprasījumu. Mēģiniet vēlreiz pēc {n} s.',
    errRate0: 'Pārāk daudz pieprasījumu. Lūdzu, brīdi pagaidiet un mēģiniet vēlreiz.',
    errBad: 'Jautājumu nevarēja apstrādāt: {n}',
    retry: 'Mēģināt vēlreiz',
    cancelled: 'Pieprasījums atcelts.',
    loading: 'Ielādē…',
    viewerErr: 'Sadaļu neizdevās ielādēt.',
    notes: 'Zemsvītras piezīmes',
    closeViewer: 'Aizvērt sadaļu',
    bd_women: 'sievietes',
    bd_men: 'vīrieši',
    bd_member_states: 'ES dalībvalstīs',
    bd_enlargement_countries: 'paplašināšanās valstīs',
  },
  en: {
    title: 'Ask the Roma integration report',
    intro: "Ask about the European Commission's 2019 report on national Roma integration strategies. Answers come only from the report's text, with citations.",
    try: 'For example:',
    question: 'Your question',
    placeholder: 'Ask about the report…',
    send: 'Send',
    new: 'New conversation',
    switch: 'LV: switch the interface to Latvian',
    langBtn: 'LV',
    open: 'Open the question window',
    close: 'Close the question window',
    you: 'You:',
    bot: 'Answer:',
    typing: 'Searching the report…',
    understood: 'Understood as: ',
    sources: 'Sources',
    source: 'Source {n}',
    copy: 'Copy quote',
    copied: 'Copied',
    openSection: 'Open section',
    facts: 'Figures from the report',
    f_label: 'Item',
    f_value: 'Value',
    f_bd: 'Breakdown',
    f_count: 'Count',
    f_countries: 'Countries',
    suggest: 'These sections of the report may help:',
    examples: 'Questions the report answers:',
    toLv: 'LV original',
    toEn: 'EN translation',
    report: 'RIVS 2019 report',
    errNet: 'Could not reach the server. Check your connection and try again.',
    errServer: 'The server had a problem. Please try again.',
    errRate: 'Too many requests, try again in {n} s.',
    errRate0: 'Too many requests. Please wait a moment and try again.',
    errBad: 'The question could not be processed: {n}',
    retry: 'Retry',
    cancelled: 'Request cancelled.',
    loading: 'Loading…',
    viewerErr: 'Could not load the section.',
    notes: 'Footnotes',
    closeViewer: 'Close section',
    bd_women: 'women',
    bd_men: 'men',
    bd_member_states: 'in EU Member States',
    bd_enlargement_countries: 'in enlargement countries',
  },
};

const STARTERS = {
  lv: [
    'Cik liela daļa romu strādā algotu darbu?',
    'Kuras dalībvalstis ziņoja par pasākumiem skolu segregācijas novēršanai?',
    'Kādas daudzsološas pieejas minētas mājokļu jomā?',
    'Kā dalībvalstis apkaro diskrimināciju pret romiem?',
  ],
  en: [
    'What share of Roma are in paid work?',
    'Which Member States reported measures against school segregation?',
    'What promising approaches are there in housing?',
    'How do Member States fight discrimination against Roma?',
  ],
};

const STYLES = `
:host{display:block;--rc-accent:#0b4ea2;--rc-accent-fg:#fff;--rc-bg:#fff;--rc-fg:#1b1f24;--rc-muted:#5b6470;--rc-line:#d3d9e1;--rc-soft:#f2f5f9;--rc-mark:#ffe27a;--rc-focus:#c2410c;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--rc-fg)}
*{box-sizing:border-box}
[hidden],:host([hidden]){display:none!important}
:focus-visible{outline:3px solid var(--rc-focus);outline-offset:2px}
button{font:inherit;cursor:pointer}
button:disabled{cursor:default;opacity:.55}
.sr,.msg::before{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.msg[data-who]::before{content:attr(data-who) " "}
.panel{position:relative;display:flex;height:var(--rivs-height,600px);max-width:100%;border:1px solid var(--rc-line);border-radius:12px;background:var(--rc-bg);overflow:hidden;container-type:inline-size}
.chat{flex:1;display:flex;flex-direction:column;min-width:0;container-type:inline-size}
header,.vhead{display:flex;align-items:center;gap:.35rem;padding:.5rem .5rem .5rem .9rem;background:var(--rc-accent);color:var(--rc-accent-fg)}
h2{flex:1;margin:0;font-size:1rem;line-height:1.3;overflow-wrap:anywhere}
.hbtn{display:inline-flex;align-items:center;justify-content:center;min-width:2.25rem;height:2.25rem;padding:0 .5rem;border:1px solid rgba(255,255,255,.55);border-radius:8px;background:transparent;color:inherit;font-weight:600}
.hbtn:hover{background:rgba(255,255,255,.15)}
.hbtn:focus-visible{outline-color:#fff}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
:host(:not([mode=floating])) .floating-only{display:none}
.scroll{flex:1;overflow-y:auto;overflow-x:hidden;padding:.75rem;position:relative}
.intro p{margin:.25rem 0 .5rem;color:var(--rc-muted)}
.starters{display:flex;flex-direction:column;align-items:flex-start;gap:.4rem}
.chip,.sugg{max-width:100%;text-align:left;padding:.4rem .7rem;border:1px solid var(--rc-accent);border-radius:999px;background:var(--rc-bg);color:var(--rc-accent);overflow-wrap:anywhere}
.sugg{border-radius:8px;display:block;margin:.3rem 0}
.chip:hover,.sugg:hover{background:var(--rc-soft)}
.msg{margin:.6rem 0;overflow-wrap:anywhere}
.user{width:fit-content;max-width:85%;margin-left:auto;padding:.5rem .8rem;border-radius:14px 14px 4px 14px;background:var(--rc-accent);color:var(--rc-accent-fg);white-space:pre-wrap}
.bot,.error{padding:.6rem .8rem;border-radius:14px 14px 14px 4px;background:var(--rc-soft)}
.error{border:1px solid #e0a4a4;background:#fdf1f1}
.error p{margin:0 0 .4rem}
.note{margin:-.3rem 0 .6rem;text-align:right;color:var(--rc-muted);font-size:.85rem}
.answer{white-space:pre-line}
.answer p{margin:0}.answer ul{margin:.3rem 0 0;padding-left:1.2rem}.answer li{margin:.2rem 0}
.tnote{margin:.5rem 0 0;color:var(--rc-muted);font-size:.8rem;font-style:italic}
.abstain .answer{color:var(--rc-muted)}
.resolved{margin:0 0 .3rem;color:var(--rc-muted);font-size:.85rem}
.cite{margin:0 .05rem;padding:0 .1rem;border:0;border-radius:4px;background:none;color:var(--rc-accent);font-size:.85em;font-weight:700;text-decoration:underline}
.btn{padding:.35rem .75rem;border:1px solid var(--rc-accent);border-radius:8px;background:var(--rc-bg);color:var(--rc-accent)}
h3{margin:.7rem 0 .3rem;font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;color:var(--rc-muted)}
.tablewrap{overflow-x:auto;margin-top:.5rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;background:var(--rc-bg)}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{overflow-wrap:normal;hyphens:auto;padding:.3rem .4rem;border:1px solid var(--rc-line);text-align:left;vertical-align:top}
@container (max-width:520px){table,caption,tbody,tr,td{display:block}thead{display:none}tr{border-top:1px solid var(--rc-line);padding:.3rem 0}
th,td{border:0;padding:.1rem .4rem}td:first-child{font-weight:600}td:empty{display:none}td[data-who]::before{content:attr(data-who) ": ";color:var(--rc-muted)}}
details{margin:.35rem 0;border:1px solid var(--rc-line);border-radius:8px;background:var(--rc-bg)}
details.flash{box-shadow:0 0 0 3px var(--rc-mark)}
summary{padding:.4rem .6rem;cursor:pointer;font-size:.9rem}
.n{font-weight:700;color:var(--rc-accent)}
blockquote{margin:0;padding:.4rem .7rem;border-top:1px solid var(--rc-line);font-size:.9rem;white-space:pre-line}
mark{background:var(--rc-mark);color:inherit;padding:0 .05em}
.acts{display:flex;flex-wrap:wrap;gap:.4rem;padding:.4rem .6rem .6rem}
.typing{display:inline-flex;gap:4px;padding:.7rem .9rem;border-radius:14px;background:var(--rc-soft)}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--rc-muted);animation:rc-dot 1.2s infinite ease-in-out}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes rc-dot{0%,80%,100%{opacity:.25;transform:none}40%{opacity:1;transform:translateY(-3px)}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none;opacity:.6}}
.composer{display:flex;gap:.4rem;align-items:flex-end;padding:.5rem;border-top:1px solid var(--rc-line)}
textarea{flex:1;min-width:0;min-height:2.5rem;max-height:9rem;resize:none;padding:.5rem .6rem;border:1px solid var(--rc-line);border-radius:8px;font:inherit;color:inherit;background:var(--rc-bg)}
.send{height:2.5rem;padding:0 .9rem;border:0;border-radius:8px;background:var(--rc-accent);color:var(--rc-accent-fg);font-weight:600}
.viewer{position:absolute;inset:0;z-index:2;display:flex;flex-direction:column;min-width:0;background:var(--rc-bg)}
.vbody{flex:1;overflow-y:auto;padding:.75rem 1rem;position:relative;overflow-wrap:anywhere}
.vbody p,.vbody li{margin:0 0 .6rem}
.vbody ol{padding-left:1.4rem;font-size:.85rem}
.box_heading{font-weight:600}
.muted{color:var(--rc-muted)}
@container (min-width:760px){.viewer{position:static;flex:0 0 44%;border-left:1px solid var(--rc-line)}}
.bubble svg{width:26px;height:26px}
.bubble{position:fixed;right:16px;bottom:16px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--rc-accent);color:var(--rc-accent-fg);box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}
:host(:not([mode=floating])) .bubble,:host([open]) .i-open,:host(:not([open])) .i-close{display:none}
:host([mode=floating]) .panel{position:fixed;right:16px;bottom:84px;z-index:2147483000;width:min(420px,calc(100vw - 16px));height:min(640px,calc(100vh - 100px));box-shadow:0 8px 30px rgba(0,0,0,.25)}
:host([mode=floating]:not([open])) .panel{display:none}
@media (max-width:480px){:host([mode=floating]) .panel{right:8px}}
`;

// Static markup only: every piece of data is added later as Text nodes. Buttons outside the
// composer form need no type=button.
const TEMPLATE = `
<div class="shell" title="">
<button class="bubble" data-testid="bubble" data-action="toggle" aria-controls="panel" aria-expanded="false" data-i18n-label="open" title=""><svg class="i-open" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z"/></svg><svg class="i-close" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg></button>
<section class="panel" id="panel" data-testid="panel" aria-labelledby="title">
<div class="chat">
<header>
<h2 id="title" data-testid="title"></h2>
<button class="hbtn" data-testid="lang-toggle" data-action="lang" data-i18n-label="switch" title=""><span data-i18n="langBtn" aria-hidden="true"></span></button>
<button class="hbtn" data-testid="new-conversation" data-action="new" data-i18n-label="new" title=""><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5v14M5 12h14"/></svg></button>
<button class="hbtn floating-only" data-testid="panel-close" data-action="toggle" data-i18n-label="close" title=""><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg></button>
</header>
<div class="scroll">
<div class="intro" data-testid="intro"><p data-i18n="intro"></p><p data-i18n="try"></p><div class="starters"></div></div>
<div class="log" data-testid="log" role="log" aria-live="polite" aria-labelledby="title"></div>
</div>
<form class="composer">
<label for="q" class="sr" data-i18n="question"></label>
<textarea id="q" data-testid="input" rows="1" data-i18n-ph="placeholder" enterkeyhint="send"></textarea>
<button type="submit" class="send" data-testid="send"><span data-i18n="send"></span></button>
</form>
</div>
<div class="viewer" data-testid="viewer" role="dialog" aria-modal="false" aria-labelledby="vt" hidden>
<div class="vhead"><h2 id="vt" tabindex="-1"></h2><button class="hbtn" data-testid="viewer-lang" data-action="flip" data-i18n="toLv"></button><button class="hbtn" data-testid="viewer-close" data-action="close-viewer" data-i18n-label="closeViewer" title=""><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg></button></div>
<div class="vbody" data-testid="viewer-body"></div>
</div>
</section>
</div>`;

/* ---------- pure helpers ---------- */

export function tr(lang, key, arg) {
  const s = STRINGS[lang]?.[key] ?? STRINGS.en[key] ?? key;
  return arg == null ? s : s.replace('{n}', arg);
}

/** First supported language among the candidates ("en-GB" counts as "en"); lv otherwise. */
export function pickLang(...candidates) {
  for (const c of candidates) {
    const l = String(c || '').slice(0, 2).toLowerCase();
    if (l in STRINGS) return l;
  }
  return 'lv';
}

// Report text and a quote of it can differ in line breaks and spacing (the PDF wraps lines),
// so both are compared with whitespace removed and case folded; `map` leads back to `text`.
function squash(s) {
  let out = '';
  const map = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/\s/.test(c)) continue;
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
    map.push(i);
  }
  return [out, map];
}

/** [start, end) of `quote` inside `text`, ignoring whitespace and case; null when absent. */
export function findQuote(text, quote) {
  const raw = String(quote || '');
  const bare = raw.replace(GLUED_MARKER, '');
  return locate(text, raw) || (bare !== raw ? locate(text, bare) : null);
}

// A footnote marker the report prints glued to a word ("pilnvaras54,"): a citation's quote
// keeps it, a section's text shows its markers apart (superscripts), so a quote is also
// looked for without it.
const GLUED_MARKER = /(?<=\p{L})\d{1,3}(?=[\s.,;:!?)]|$)/gu;

function locate(text, quote) {
  const [q] = squash(quote.replace(/^[\s….,;:"„“]+|[\s….,;:!?"”]+$/g, '')); // "x." may be "x," in the text
  if (!q) return null;
  const [t, map] = squash(String(text || ''));
  const i = t.indexOf(q);
  return i < 0 ? null : [map[i], map[i + q.length - 1] + 1];
}

function h(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v != null && v !== false) n.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null && k !== false && k !== '') n.append(k); // strings become Text nodes
  return n;
}

// An element whose text is a UI string; applyStrings() re-translates it on a language switch.
function tx(lang, tag, key, attrs, arg) {
  return h(tag, { ...attrs, 'data-i18n': key, 'data-arg': arg }, tr(lang, key, arg));
}

function relabel(n, key, lang) {
  n.dataset.i18n = key;
  n.textContent = tr(lang, key);
}

function applyStrings(root, lang) {
  for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = tr(lang, n.dataset.i18n, n.dataset.arg);
  for (const n of root.querySelectorAll('[data-i18n-label]')) {
    const s = tr(lang, n.dataset.i18nLabel, n.dataset.arg);
    n.setAttribute('aria-label', s);
    if (n.hasAttribute('title')) n.title = s;
  }
  for (const n of root.querySelectorAll('[data-i18n-ph]')) n.placeholder = tr(lang, n.dataset.i18nPh);
  for (const n of root.querySelectorAll('[data-i18n-who]')) n.dataset.who = tr(lang, n.dataset.i18nWho);
}

/** Append `text` to `parent`, wrapping [start, end) spans in <mark> and adding footnote numbers. */
function renderMarked(parent, text, spans, testid, notes = []) {
  const cuts = new Set([0, text.length, ...spans.flat(), ...notes.map((x) => x.at)]);
  const pts = [...cuts].sort((a, b) => a - b);
  pts.forEach((a, i) => {
    for (const x of notes) if (x.at === a) parent.append(h('sup', {}, String(x.n)));
    const b = pts[i + 1];
    if (b == null) return;
    const seg = text.slice(a, b);
    const marked = spans.some(([s, e]) => s <= a && b <= e);
    parent.append(marked ? h('mark', { 'data-testid': testid }, seg) : seg);
  });
  return parent;
}

const PAYLOAD = new WeakMap(); // node -> the data it was rendered from (citation, question)

function fmtNum(v, lang) {
  return typeof v === 'number' ? new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'lv-LV').format(v) : '';
}

function fmtValue(v, unit, lang) {
  if (typeof v !== 'number') return '';
  return fmtNum(v, lang) + (unit ? (unit === '%' && lang === 'en' ? '%' : '\u00a0' + unit) : '');
}

/* ---------- renderers: data in, nodes out ---------- */

// The speaker ("You:", "Answer:") is CSS generated content: read by screen readers, not copied.
function renderUser(q, lang) {
  return h('div', { class: 'msg user', 'data-testid': 'message-user', 'data-i18n-who': 'you', 'data-who': tr(lang, 'you') }, q);
}

function citeButton(n, cardId, lang, testid = 'citation-marker') {
  return h('button', {
    class: 'cite', 'data-testid': testid, 'data-action': 'cite', 'data-n': n,
    'aria-controls': cardId, 'data-i18n-label': 'source', 'data-arg': n, 'aria-label': tr(lang, 'source', n),
  }, `[${n}]`);
}

/** Append `text` to `node` with its "[1]" / "[1, 2]" markers made buttons (`cite(n)`) for known sources. */
function linkify(node, text, known, cite) {
  let last = 0;
  for (const m of text.matchAll(/\[(\d+(?:\s*[,;]\s*\d+)*)\]/g)) {
    const ns = m[1].split(/[,;]/).map((s) => parseInt(s, 10));
    if (!ns.every((n) => known.has(n))) continue;
    node.append(text.slice(last, m.index), ...ns.map((n) => cite(n)));
    last = m.index + m[0].length;
  }
  node.append(text.slice(last));
  return node;
}

/** "II.3" + "II. Fighting … › 3. Policy learning" -> "II.3 Fighting … › Policy learning": the number once. */
export function secLabel(id, title) {
  const t = String(title || '').split(' › ').map((s) => s.replace(/^[IVX\d]+(\.\d+)*\.?\s+/, '')).join(' › ');
  return (/^[IVX]+[.\d]*$/.test(id) ? `${id} ${t}` : t || id || '').trim();
}

const arr = (x) => (Array.isArray(x) ? x : []);
const factLabel = (f, rl) => (rl === 'en' && f.label_en) || f.label || f.id || '';

// Everything an answer carries (headings, figures, notes) is in the answer's language `rl`
// and stays so when the interface switches; buttons are controls in the interface's `lang`.
function renderFacts(facts, rl, known, cite) {
  const has = (f) => facts.some(f);
  const t = (key) => tr(rl, key);
  const cols = {
    f_value: has((f) => typeof f.value === 'number'),
    f_bd: has((f) => f.breakdowns && Object.keys(f.breakdowns).length),
    f_count: has((f) => typeof f.count === 'number'),
    f_countries: has((f) => f.countries?.length),
  };
  const head = h('tr', {}, h('th', { scope: 'col' }, t('f_label')));
  for (const [k, on] of Object.entries(cols)) if (on) head.append(h('th', { scope: 'col' }, t(k)));
  const rows = facts.map((f) => {
    const label = h('td', {}, factLabel(f, rl));
    if (known.has(f.citation)) label.append(' ', cite(f.citation, 'fact-citation'));
    const td = (key, ...kids) => h('td', { 'data-who': t(key) }, ...kids);
    const row = h('tr', {}, label);
    if (cols.f_value) row.append(td('f_value', fmtValue(f.value, f.unit, rl)));
    if (cols.f_bd) {
      row.append(td('f_bd', Object.entries(f.breakdowns || {}).map(([k, v], i) =>
        `${i ? '; ' : ''}${STRINGS.lv['bd_' + k] ? t('bd_' + k) : k} ${fmtValue(v, f.unit, rl)}`)));
    }
    if (cols.f_count) row.append(td('f_count', fmtNum(f.count, rl)));
    if (cols.f_countries) row.append(td('f_countries', (f.countries || []).join(', ')));
    return row;
  });
  return h('div', { class: 'tablewrap', lang: rl },
    h('table', { 'data-testid': 'facts-table' }, h('caption', {}, t('facts')), h('thead', {}, head), h('tbody', {}, rows)));
}

/** A source's passage, its quote marked: in `vl` en the translation, in lv the original. */
function renderPassage(c, vl) {
  const en = vl === 'en';
  const node = h('blockquote', { lang: vl, 'data-testid': 'source-text' });
  const text = String((en ? c.text_en : c.text) || '');
  const quote = en ? c.quote_en : c.quote;
  const span = findQuote(text, quote);
  if (span) return renderMarked(node, text, [span], 'source-quote');
  if (quote) node.append(h('mark', { 'data-testid': 'source-quote' }, quote), '\n\n');
  node.append(text);
  return node;
}

/** Show a source card's passage in `vl`; its switch then offers the other language. */
function setCardLang(card, vl, lang) {
  card.dataset.vl = vl;
  card.querySelector('blockquote').replaceWith(renderPassage(PAYLOAD.get(card), vl));
  relabel(card.querySelector('[data-action=flip]'), vl === 'en' ? 'toLv' : 'toEn', lang);
}

function renderSource(c, uid, lang, rl) {
  const en = rl === 'en' && c.text_en; // English answers show the translation, one click from the original
  const btn = (key, attrs) => tx(lang, 'button', key, { class: 'btn', ...attrs });
  const card = h('details', { id: `src-${uid}-${c.n}`, 'data-testid': 'source-card', 'data-n': c.n, 'data-kind': c.kind, 'data-vl': en ? 'en' : 'lv' },
    h('summary', { lang: rl }, h('span', { class: 'n' }, `[${c.n}]`), ' ', c.section_title || c.section_id || ''), // the title is the section's path
    renderPassage(c, en ? 'en' : 'lv'),
    h('div', { class: 'acts' },
      btn('copy', { 'data-action': 'copy', 'data-testid': 'copy' }),
      en ? btn('toLv', { 'data-action': 'flip', 'data-testid': 'source-lang' }) : null,
      c.section_id ? btn('openSection', { 'data-action': 'section', 'data-section': c.section_id, 'data-testid': 'open-section' }) : null));
  PAYLOAD.set(card, c);
  return card;
}

function renderBot(q, r, uid, lang) {
  const rl = pickLang(r.lang, lang);
  const cites = arr(r.citations);
  const known = new Set(cites.map((c) => c.n));
  const items = arr(r.items);
  const inItems = new Set(items.map((it) => it.text));
  const facts = arr(r.facts).filter((f) => !inItems.has(factLabel(f, rl))); // a list already shows them
  const cite = (n, testid) => citeButton(n, `src-${uid}-${n}`, lang, testid);
  const heading = (key) => h('h3', { lang: rl }, tr(rl, key));
  const chip = (cls, testid, attrs, text) => h('button', { class: cls, 'data-testid': testid, lang: rl, ...attrs }, text);
  const msg = h('div', {
    class: 'msg bot' + (r.answerable === false ? ' abstain' : ''), 'data-testid': 'message-assistant',
    'data-i18n-who': 'bot', 'data-who': tr(lang, 'bot'), 'data-vl': rl,
  });
  const rq = String(r.resolved_question || '').trim();
  if (rq && rq.toLowerCase() !== q.trim().toLowerCase()) msg.append(h('p', { class: 'resolved', lang: rl }, tr(rl, 'understood'), rq));
  const answer = h('div', { class: 'answer', 'data-testid': 'answer', lang: r.lang });
  if (items.length) { // several items: the line they follow, then a real list, each with its sources
    if (r.lead) answer.append(linkify(h('p', { class: 'lead' }), String(r.lead), known, cite));
    answer.append(h('ul', { 'data-testid': 'answer-list' }, items.map((it) => {
      const li = linkify(h('li'), String(it.text || ''), known, cite);
      for (const n of arr(it.citations)) if (known.has(n)) li.append(' ', cite(n));
      return li;
    })));
  } else {
    linkify(answer, String(r.answer || ''), known, cite);
    if (!answer.children.length && cites.length) { // no markers: link its facts' sources, else the first
      const ns = [...new Set(facts.map((f) => f.citation).filter((n) => known.has(n)))];
      answer.append(' ', ...(ns.length ? ns : [cites[0].n]).map((n) => cite(n)));
    }
  }
  msg.append(answer);
  if (facts.length) msg.append(renderFacts(facts, rl, known, cite));
  if (r.translation_note) msg.append(h('p', { class: 'tnote', lang: rl, 'data-testid': 'translation-note' }, r.translation_note));
  if (r.answerable === false) {
    const sugg = arr(r.suggestions);
    const ex = arr(r.examples);
    if (sugg.length) msg.append(heading('suggest'), ...sugg.map((s) => chip('sugg', 'suggestion', { 'data-action': 'section', 'data-section': s.section_id }, secLabel(s.section_id, s.title))));
    if (ex.length) msg.append(heading('examples'), h('div', { class: 'starters' }, ex.map((x) => chip('chip', 'example', { 'data-action': 'ask' }, String(x)))));
  }
  if (cites.length) msg.append(heading('sources'), ...cites.map((c) => renderSource(c, uid, lang, rl)));
  return msg;
}

function renderError(err, q, lang) {
  const key = { rate: err.retryAfter ? 'errRate' : 'errRate0', client: 'errBad', server: 'errServer' }[err.kind] || 'errNet';
  const box = h('div', { class: 'msg error', 'data-testid': 'error', 'data-kind': err.kind },
    tx(lang, 'p', key, {}, key === 'errRate' ? err.retryAfter : key === 'errBad' ? err.detail || err.status : null));
  if (err.kind !== 'client') {
    const retry = tx(lang, 'button', 'retry', { class: 'btn', 'data-action': 'retry', 'data-testid': 'retry' });
    if (err.retryAfter) {
      retry.disabled = true;
      setTimeout(() => { retry.disabled = false; }, err.retryAfter * 1000);
    }
    box.append(retry);
  }
  PAYLOAD.set(box, q);
  return box;
}

const LIST_KINDS = ['list_item', 'box_line', 'approach', 'priority'];

// What to highlight: the quote; else (unless `whole`), as it may span paragraphs, its sentences
// one by one; else the same with the whole cited passage. `en`: quote_en and text_en.
function needles(texts, c, en, whole) {
  for (const q of en ? [c?.quote_en, c?.text_en] : [c?.quote, c?.text]) {
    const parts = [q, ...(whole ? [] : String(q || '').split(/(?<=[.!?;:])\s+/).filter((x) => x.length > 12))];
    const found = parts.filter((x) => texts.some((t) => findQuote(t, x)));
    if (found.length) return found[0] === q ? [q] : found;
  }
  return [];
}

/** A section's `display` (fetched in `vl`) and footnotes, the cited quote marked. */
function renderSection(s, cite, vl) {
  const frag = document.createDocumentFragment();
  const en = vl === 'en';
  const units = arr(s.display ?? s.paragraphs);
  const notes = arr(s.footnotes).map((f) => ({ ...f, t: String((en && f.text_en) || f.text || '') }));
  const texts = [...units.map((p) => String(p.text || '')), ...notes.map((f) => f.t)];
  // An English quote not in the translation word for word (a row or an approach described in a
  // sentence): mark whole the units whose Latvian original holds the Latvian quote; whole
  // quotes are looked for before their sentences.
  const orig = new Map([...arr(s.paragraphs).map((p) => [p.id, p.text]), ...notes.map((f) => [f.n, f.text])]);
  let qs = [];
  let lvqs = [];
  for (const whole of en ? [true, false] : [false]) {
    qs = needles(texts, cite, en, whole);
    lvqs = en && !qs.length ? needles([...orig.values()].map(String), cite, false, whole) : [];
    if (qs.length || lvqs.length) break;
  }
  const spans = (text, key) => (lvqs.some((q) => findQuote(orig.get(key), q)) ? [[0, text.length]] : qs.map((q) => findQuote(text, q)).filter(Boolean));
  if (s.translation_note) frag.append(h('p', { class: 'tnote', 'data-testid': 'translation-note' }, s.translation_note));
  let list = null;
  for (const p of units) {
    const text = String(p.text || '');
    const refs = Object.entries(p.markers || {}).map(([n, at]) => ({ n, at: at >= 0 && at <= text.length ? at : text.length }));
    const item = LIST_KINDS.includes(p.kind);
    const node = renderMarked(h(item ? 'li' : 'p', { 'data-pid': p.id, class: p.kind }), text, spans(text, p.id), 'viewer-highlight', refs);
    if (item) {
      if (list?.dataset.kind !== p.kind) frag.append((list = h('ul', { 'data-kind': p.kind })));
      list.append(node);
    } else {
      list = null;
      frag.append(node);
    }
  }
  if (notes.length) {
    frag.append(h('h3', {}, tr(vl, 'notes')), h('ol', {}, notes.map((f) => {
      const li = renderMarked(h('li', { value: f.n }), f.t, spans(f.t, f.n), 'viewer-highlight');
      if (f.countries?.some((x) => !f.t.includes(x))) li.append(' (', f.countries.join(', '), ')');
      for (const u of f.urls || []) {
        let ok = false;
        try { ok = ['http:', 'https:'].includes(new URL(u).protocol); } catch { /* not a URL */ }
        li.append(' ', ok ? h('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u) : u);
      }
      return li;
    })));
  }
  return frag;
}

/* ---------- API client ---------- */

export class ApiError extends Error {
  constructor(kind, status = 0, detail = '', retryAfter = null) {
    super(`${kind} ${status} ${detail}`.trim());
    Object.assign(this, { kind, status, detail, retryAfter });
  }
}

function retryAfterSeconds(v) {
  if (!v) return null;
  const s = Number(v);
  const secs = Number.isFinite(s) ? s : (Date.parse(v) - Date.now()) / 1000;
  return Number.isFinite(secs) ? Math.max(1, Math.ceil(secs)) : null;
}

const detailText = (d) => (typeof d === 'string' ? d : ''); // rivs-qa's detail is always a sentence

export class RivsApi {
  constructor(base) {
    this.base = String(base || '').replace(/\/+$/, '');
  }

  async request(path, init) {
    let res;
    try {
      res = await fetch(this.base + path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      throw new ApiError('network'); // includes our timeout
    }
    const body = await res.json().catch(() => null);
    if (res.ok && body) return body;
    if (res.status === 429) throw new ApiError('rate', 429, detailText(body?.detail), retryAfterSeconds(res.headers.get('Retry-After')));
    if (res.status >= 400 && res.status < 500) throw new ApiError('client', res.status, detailText(body?.detail));
    throw new ApiError('server', res.status);
  }

  ask(payload, signal) {
    return this.request('/api/ask', { method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
  }

  section(id, lang, signal) {
    return this.request(`/api/sections/${encodeURIComponent(id)}?lang=${lang}`, { signal });
  }
}

/* ---------- behaviour ---------- */

const TIMEOUT_MS = 90000;

class Viewer {
  constructor(chat) {
    this.chat = chat;
    this.el = chat.$('viewer');
    this.body = chat.$('viewer-body');
    this.flip = chat.$('viewer-lang');
    this.heading = this.el.querySelector('h2');
    this.cache = new Map();
  }

  get isOpen() {
    return !this.el.hidden;
  }

  /** Section `id` in `vl`, `cite`'s quote marked; `card`: the source card it was opened from. */
  async open(id, cite, trigger, vl, card) {
    const lang = this.chat.lang;
    this.ctrl?.abort();
    const ctrl = (this.ctrl = new AbortController());
    Object.assign(this, { id, cite, vl, card });
    this.el.hidden = false;
    this.el.dataset.section = id;
    this.body.lang = this.el.dataset.lang = vl;
    relabel(this.flip, vl === 'en' ? 'toLv' : 'toEn', lang);
    this.heading.textContent = id;
    this.body.replaceChildren(tx(lang, 'p', 'loading', { class: 'muted' }));
    if (trigger) { // the language switch keeps its focus and the first trigger
      this.trigger = trigger;
      this.heading.focus();
    }
    try {
      const key = id + '?' + vl;
      const s = this.cache.get(key) ?? (await this.chat.api.section(id, vl, ctrl.signal));
      this.cache.set(key, s);
      this.heading.textContent = `${s.number || s.id || id} ${s.title || s.title_lv || ''}`.trim();
      this.body.replaceChildren(renderSection(s, cite, vl));
      const mark = this.body.querySelector('mark');
      this.body.scrollTop = mark ? Math.max(0, mark.offsetTop - this.body.clientHeight / 3) : 0;
    } catch (err) {
      if (err?.name !== 'AbortError') this.body.replaceChildren(tx(lang, 'p', 'viewerErr', { class: 'muted', 'data-testid': 'viewer-error' }));
    }
  }

  close() {
    if (!this.isOpen) return;
    this.ctrl?.abort();
    this.el.hidden = true;
    if (this.trigger?.isConnected) this.trigger.focus();
    this.trigger = null;
  }
}

/**
 * The conversation: sends questions, renders answers, keeps the transcript in sessionStorage.
 * Built when the element connects and torn down (requests aborted, listeners removed) when it
 * disconnects.
 */
class Chat {
  constructor(host, root) {
    this.host = host;
    this.root = root;
    this.api = new RivsApi(host.api);
    this.key = 'rivs-chat:' + host.api + (host.id ? '#' + host.id : '');
    this.log = this.$('log');
    this.input = this.$('input');
    this.scroller = root.querySelector('.scroll');
    this.viewer = new Viewer(this);
    this.turns = [];
    this.sessionId = null;
    this.request = null;
    this.uid = 0;
    this.listening = new AbortController();
    const on = (target, type, fn) => target.addEventListener(type, fn, { signal: this.listening.signal });
    on(root, 'click', (e) => this.onClick(e));
    on(root, 'keydown', (e) => this.onKeydown(e));
    on(root.querySelector('form'), 'submit', (e) => {
      e.preventDefault();
      this.send(this.input.value);
    });
    on(this.input, 'input', () => this.autosize());
    this.restore();
    this.sync();
  }

  $(testid) {
    return this.root.querySelector(`[data-testid="${testid}"]`);
  }

  get lang() {
    return this.host.uiLang;
  }

  destroy() {
    this.listening.abort();
    this.request?.ctrl.abort();
    this.viewer.ctrl?.abort();
    this.viewer.el.hidden = true;
  }

  /** Bring static strings, title, starters and launcher state in line with the attributes. */
  sync() {
    const lang = this.lang;
    const bubble = this.$('bubble');
    bubble.setAttribute('aria-expanded', String(this.host.open));
    bubble.dataset.i18nLabel = this.host.open ? 'close' : 'open';
    this.root.querySelector('.shell').lang = lang;
    if (this.startersLang !== lang) {
      this.startersLang = lang;
      this.root.querySelector('.starters').replaceChildren(...STARTERS[lang].map((q) =>
        h('button', { class: 'chip', 'data-action': 'ask', 'data-testid': 'starter' }, q)));
    }
    applyStrings(this.root, lang);
    this.$('title').textContent = this.host.getAttribute('title') || tr(lang, 'title');
  }

  onClick(e) {
    const b = e.target.closest?.('[data-action]');
    if (!b || b.disabled) return;
    const act = b.dataset.action;
    if (act === 'ask') {
      this.send(b.textContent);
      this.input.focus();
    }
    else if (act === 'cite') this.showCard(b.getAttribute('aria-controls'));
    else if (act === 'copy') this.copy(b);
    else if (act === 'section') {
      const card = b.closest('details');
      this.viewer.open(b.dataset.section, PAYLOAD.get(card), b, b.closest('[data-vl]').dataset.vl, card);
    }
    else if (act === 'flip') this.flip(b.closest('details'));
    else if (act === 'close-viewer') this.viewer.close();
    else if (act === 'retry') this.retry(b.closest('.error'));
    else if (act === 'new') this.reset();
    else if (act === 'lang') {
      this.host.setAttribute('lang', this.lang === 'lv' ? 'en' : 'lv');
      this.save();
    }
    else if (act === 'toggle') this.togglePanel();
  }

  onKeydown(e) {
    if (e.key === 'Escape') {
      if (this.viewer.isOpen) this.viewer.close();
      else if (this.host.mode === 'floating' && this.host.open) this.togglePanel();
      else return;
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Enter' && e.target === this.input && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send(this.input.value);
    }
  }

  togglePanel() {
    this.host.open = !this.host.open;
    (this.host.open ? this.input : this.$('bubble')).focus();
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = this.input.scrollHeight + 2 + 'px';
  }

  emit(name, detail) {
    this.host.dispatchEvent(new CustomEvent('rivs-chat:' + name, { detail, bubbles: true }));
  }

  append(node, scrollTo = node) {
    this.log.append(node);
    this.$('intro').hidden = true;
    this.scroller.scrollTop = Math.max(0, scrollTo.offsetTop - 8);
  }

  send(text) {
    const q = String(text || '').trim();
    if (!q) return;
    this.input.value = '';
    this.autosize();
    const user = renderUser(q, this.lang);
    this.append(user);
    this.ask(q, user);
  }

  retry(box) {
    const q = PAYLOAD.get(box);
    box.remove();
    if (q) this.ask(q, null);
  }

  async ask(q, userNode) {
    this.request?.ctrl.abort(); // a new question supersedes the one still in flight
    const req = (this.request = { ctrl: new AbortController() });
    const { signal } = req.ctrl;
    const timer = setTimeout(() => req.ctrl.abort(new DOMException('timeout', 'TimeoutError')), TIMEOUT_MS);
    const typing = h('div', { class: 'msg', 'data-testid': 'typing' },
      h('span', { class: 'typing', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), tx(this.lang, 'span', 'typing', { class: 'sr' }));
    this.append(typing, userNode || typing);
    this.log.setAttribute('aria-busy', 'true');
    this.host.toggleAttribute('busy', true);
    this.emit('loadstart', { question: q });
    try {
      const body = { question: q, session_id: this.sessionId, lang: null, top_k: this.host.topK };
      const r = await this.api.ask(body, signal);
      if (typeof r.answer !== 'string') throw new ApiError('server', 200, 'malformed response');
      this.sessionId = r.session_id ?? this.sessionId;
      this.turns.push({ q, r });
      this.save();
      const msg = renderBot(q, r, ++this.uid, this.lang);
      typing.replaceWith(msg);
      this.scroller.scrollTop = Math.max(0, msg.offsetTop - 8);
      this.emit('load', r);
    } catch (err) {
      if (signal.aborted && signal.reason?.name !== 'TimeoutError') {
        if (typing.isConnected) typing.replaceWith(tx(this.lang, 'p', 'cancelled', { class: 'note' }));
      } else {
        const e = err instanceof ApiError ? err : new ApiError('network');
        if (typing.isConnected) typing.replaceWith(renderError(e, q, this.lang));
        this.emit('error', { kind: e.kind, status: e.status, detail: e.detail, retryAfter: e.retryAfter, question: q });
      }
    } finally {
      clearTimeout(timer);
      typing.remove();
      if (this.request === req) {
        this.request = null;
        this.log.setAttribute('aria-busy', 'false');
        this.host.toggleAttribute('busy', false);
      }
      this.emit('loadend', { question: q });
    }
  }

  showCard(id) {
    const card = this.root.getElementById(id);
    if (!card) return;
    card.open = true;
    this.scroller.scrollTop = Math.max(0, card.offsetTop - 8);
    card.querySelector('summary').focus();
    card.classList.add('flash');
    setTimeout(() => card.classList.remove('flash'), 1200);
  }

  /** A source card (null: the viewer) to the other language; the viewer and its card go together. */
  flip(card) {
    const v = this.viewer;
    const to = (card ? card.dataset.vl : v.vl) === 'en' ? 'lv' : 'en';
    const c = card || v.card;
    if (c?.querySelector('[data-action=flip]')) setCardLang(c, to, this.lang);
    if (v.isOpen && (!card || v.card === card)) v.open(v.id, v.cite, null, to, v.card);
  }

  /** The quote in the language on screen and its section: “…” — RIVS 2019 report, I.1.2 Achievements and challenges */
  async copy(btn) {
    const card = btn.closest('details');
    const c = PAYLOAD.get(card) || {};
    const en = card.dataset.vl === 'en';
    const ref = tr(card.parentNode.dataset.vl, 'report') + ', ' + secLabel(c.section_id, String(c.section_title || '').split(' › ').pop());
    const text = `${en ? '“' : '„'}${(en ? c.quote_en || c.text_en : c.quote || c.text) || ''}” — ${ref}`.replace(/\s+/g, ' ');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const ta = h('textarea', { class: 'sr' }, text); // insecure origins have no clipboard API
      this.root.append(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    relabel(btn, 'copied', this.lang);
    setTimeout(() => relabel(btn, 'copy', this.lang), 1500);
  }

  reset() {
    this.request?.ctrl.abort();
    this.viewer.close();
    this.turns = [];
    this.sessionId = null;
    this.save();
    this.log.replaceChildren();
    this.$('intro').hidden = false;
    this.input.focus();
  }

  save() {
    try {
      const lang = this.host.getAttribute('lang');
      sessionStorage.setItem(this.key, JSON.stringify({ v: 1, session_id: this.sessionId, lang, turns: this.turns.slice(-30) }));
    } catch { /* full or disabled storage: the conversation still works, it just won't survive a reload */ }
  }

  restore() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(this.key) || 'null'); } catch { /* corrupt: start afresh */ }
    if (saved?.v !== 1) saved = {};
    if (Object.hasOwn(STRINGS, String(saved.lang))) this.host.setAttribute('lang', saved.lang);
    this.sessionId = typeof saved.session_id === 'string' ? saved.session_id : null;
    this.turns = (Array.isArray(saved.turns) ? saved.turns : []).filter((t) => typeof t?.q === 'string' && typeof t.r?.answer === 'string');
    this.log.replaceChildren();
    for (const { q, r } of this.turns) this.log.append(renderUser(q, this.lang), renderBot(q, r, ++this.uid, this.lang));
    this.$('intro').hidden = this.turns.length > 0;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}

/* ---------- the element ---------- */

/**
 * <rivs-chat api="" lang="lv|en" mode="inline|floating" title="…" top-k="5" open>
 * Events (bubbling, on the element): rivs-chat:loadstart, rivs-chat:load (detail: the response),
 * rivs-chat:error (detail: {kind, status, detail, retryAfter, question}), rivs-chat:loadend.
 * The transcript lives in sessionStorage under "rivs-chat:" + api (+ "#" + id when the element
 * has one, so two widgets on a page keep separate conversations). Tests find parts by data-testid.
 */
export class RivsChatElement extends HTMLElement {
  static observedAttributes = ['api', 'lang', 'mode', 'title', 'open'];

  static define(tag = 'rivs-chat', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    const style = document.createElement('style');
    style.textContent = STYLES;
    root.prepend(style);
  }

  connectedCallback() {
    this.chat ??= new Chat(this, this.shadowRoot);
  }

  disconnectedCallback() {
    this.chat?.destroy();
    this.chat = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.chat) return;
    if (name === 'api') {
      this.chat.destroy();
      this.chat = null; // the new Chat may set lang while it restores; nothing must sync then
      this.chat = new Chat(this, this.shadowRoot);
    } else this.chat.sync();
  }

  /** Base URL of the rivs-qa server; "" means the page's own origin. */
  get api() { return this.getAttribute('api') ?? ''; }
  set api(v) { this.setAttribute('api', v); }

  get mode() { return this.getAttribute('mode') === 'floating' ? 'floating' : 'inline'; }
  set mode(v) { this.setAttribute('mode', v); }

  /** Floating mode: whether the panel is shown. */
  get open() { return this.hasAttribute('open'); }
  set open(v) { this.toggleAttribute('open', Boolean(v)); }

  get topK() { const n = parseInt(this.getAttribute('top-k') || '', 10); return n > 0 ? n : 5; }
  set topK(v) { this.setAttribute('top-k', String(v)); }

  /** The UI language in use: the lang attribute, else the page's, else the browser's; lv by default. */
  get uiLang() {
    return pickLang(this.getAttribute('lang'), document.documentElement.lang, navigator.language);
  }
}

RivsChatElement.define();
