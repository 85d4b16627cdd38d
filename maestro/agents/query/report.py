"""The QualityReport: what the Query agent checked, what failed and why, a score and the fidelity.

Scoring rule (the one place it is defined):

* Every check that ran (passed is True or False; skipped checks do not count) has a weight:
  3 when it is *critical* (the game cannot be trusted to play if it fails: the code parses, it runs
  without throwing, every name the code uses exists, restart and game over work, a bot finishes
  level 1), 1 otherwise.
* ``score`` = 100 x (weight of the passed checks) / (weight of every check that ran), rounded to
  one decimal; 0 when nothing ran.
* A build **passes** when no critical check failed AND ``score >= PASS_SCORE`` (70).
* ``fidelity`` is measured against the GDD, not the spec: the weighted share of the GDD's
  requirements that ended *verified* (maestro.agents.query.fidelity decides each one's state;
  maestro.spec.requirements holds the weights). It does not gate passing: a faithful-looking game
  that does not play fails, and a game that plays but is not the GDD's passes with a low fidelity
  the report leads with. ``None`` when the bundle lists no requirements (built before they existed).
"""

from __future__ import annotations

import html
import json

from maestro.spec.quality import CATEGORIES, CATEGORY_TITLES, Check, QualityReport
from maestro.spec.requirements import STATUS_WORDS, WEIGHTS, fidelity, headline

PASS_SCORE = 70.0
CRITICAL_WEIGHT = 3.0


def _weight(check: Check) -> float:
    return CRITICAL_WEIGHT if check.critical else 1.0


def score_of(checks: list[Check]) -> float:
    ran = [c for c in checks if c.passed is not None]
    total = sum(_weight(c) for c in ran)
    if not total:
        return 0.0
    return round(100.0 * sum(_weight(c) for c in ran if c.passed) / total, 1)




def finalize(report: QualityReport) -> QualityReport:
    """Fill score, fidelity, passed and failures from the checks (the scoring rule above)."""
    report.score = score_of(report.checks)
    value = fidelity(report.requirements)
    report.fidelity = None if value is None else round(value, 3)
    report.headline = headline(report.requirements) if report.requirements else ""

    critical_failed = any(c.passed is False and c.critical for c in report.checks)
    report.passed = (not critical_failed) and report.score >= PASS_SCORE
    report.failures = [c.message or c.requirement for c in report.checks if c.passed is False]
    return report


# ---- the page a designer reads ---------------------------------------------------------------
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f6f4;color:#222}
main{max-width:960px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px} h2{margin:28px 0 8px;font-size:18px}
.sub{color:#666;margin-bottom:16px}
.verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:700;color:#fff}
.pass{background:#2e7d32} .fail{background:#c62828}
.figs{display:flex;gap:16px;flex-wrap:wrap;margin:16px 0}
.fig{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:120px}
.fig b{display:block;font-size:22px}
img.thumb{image-rendering:pixelated;border:1px solid #ccc;border-radius:6px;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e4e4e4;text-align:left;padding:6px 8px;vertical-align:top;font-size:14px}
td.mark{width:24px;text-align:center;font-weight:700}
tr.ok td.mark{color:#2e7d32} tr.bad td.mark{color:#c62828} tr.skip td.mark{color:#888}
tr.bad{background:#fff3f3} .crit{font-size:11px;color:#c62828;border:1px solid #c62828;border-radius:3px;padding:0 3px}
ul.fails li{color:#c62828} .muted{color:#888}
p.lead{font-size:18px;margin:14px 0}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _reading_section(report: QualityReport) -> list[str]:
    """Who read the GDD: the model's parts and the offline reader's, why, and what it cost."""
    r = report.reading
    if r is None:
        return []
    mine = r.from_model()
    rest = [p for p in r.parts if r.parts[p] == "offline"]
    u = r.usage
    cost = (f"{u.calls} model call{'s' if u.calls != 1 else ''}, {u.input_tokens} tokens in, {u.output_tokens} out"
            + (f"; {u.cached_calls} answered from the cache" if u.cached_calls else ""))
    out = [f"<h2>Who read the GDD</h2><p>The model <b>{_e(r.model)}</b> read: {_e(', '.join(mine) or 'nothing')}. "
           f"The offline reader: {_e(', '.join(rest) or 'nothing')}. <span class='muted'>{_e(cost)}.</span></p>"]
    if r.notes:
        out.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in r.notes) + "</ul>")
    if r.differences:
        out.append("<p>Where the two readings differ:</p><ul>" + "".join(f"<li>{_e(d)}</li>" for d in r.differences)
                   + "</ul>")
    return out


def render_html(report: QualityReport) -> str:
    """A self-contained page (inline CSS, no external resources) a designer can read."""
    fid = "not measured" if report.fidelity is None else f"{report.fidelity:.0%}"
    if report.bot.won is None:
        bot = "no bot ran" + (f" ({report.bot.detail})" if report.bot.detail else "")
    else:
        bot = ("finished level 1" if report.bot.won else "did not finish level 1") + f" in {report.bot.frames} frames"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Quality report — {_e(report.title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{_e(report.title or report.project_id)}</h1>",
        f"<div class='sub'>{_e(report.genre)} · project {_e(report.project_id)}</div>",
        f"<span class='verdict {'pass' if report.passed else 'fail'}'>"
        f"{'Passed' if report.passed else 'Failed'}</span>",
        "<div class='figs'>",
        f"<div class='fig'>score<b>{report.score:.0f}/100</b></div>",
        f"<div class='fig'>fidelity to the design<b>{_e(fid)}</b></div>",
        f"<div class='fig'>bot<b style='font-size:15px'>{_e(bot)}</b></div>",
        f"<div class='fig'>checks<b>{sum(1 for c in report.checks if c.passed)}/"
        f"{sum(1 for c in report.checks if c.passed is not None)}</b>"
        f"<span class='muted'>{sum(1 for c in report.checks if c.passed is None)} skipped</span></div>",
        "</div>",
    ]
    if report.headline:
        parts.append(f"<p class='lead'>{_e(report.headline)}</p>")
    if report.thumbnail:
        parts.append(f"<img class='thumb' src='{_e(report.thumbnail)}' width='480' height='270' alt='screenshot of the game'>")
    parts += _requirements_table(report)
    parts += _reading_section(report)
    if report.failures:
        parts.append("<h2>What failed</h2><ul class='fails'>")
        parts += [f"<li>{_e(f)}</li>" for f in report.failures]
        parts.append("</ul>")
    else:
        parts.append("<h2>What failed</h2><p>Nothing: every check that ran passed.</p>")
    parts.append(f"<p class='muted'>The build passes when no critical check fails and the score is at least "
                 f"{PASS_SCORE:.0f}. Critical checks weigh {CRITICAL_WEIGHT:.0f}, the others 1. Fidelity is the weighted share "
                 f"of the GDD's requirements verified by a check on the real game code ({_weights_words()}); "
                 f"approximated and not-built requirements count nothing. It does not decide passing.</p>")
    for cat in CATEGORIES:
        rows = [c for c in report.checks if c.category == cat]
        if not rows:
            continue
        parts.append(f"<h2>{_e(CATEGORY_TITLES[cat])}</h2><table><tr><th></th><th>requirement</th><th>result</th></tr>")
        for c in rows:
            cls, mark = ("ok", "✓") if c.passed else (("skip", "–") if c.passed is None else ("bad", "✗"))
            crit = " <span class='crit'>critical</span>" if c.critical and c.passed is False else ""
            msg = c.message or ("ok" if c.passed else "")
            parts.append(f"<tr class='{cls}'><td class='mark'>{mark}</td><td>{_e(c.requirement)}{crit}</td>"
                         f"<td>{_e(msg)}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Repairs made</h2>")
    if report.repairs:
        parts.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in report.repairs) + "</ul>")
    else:
        parts.append("<p class='muted'>None.</p>")
    if report.figures:
        figs = ", ".join(f"{_e(k)} {v:.2f} s" for k, v in report.figures.items())
        parts.append(f"<p class='muted'>Time spent checking: {figs}.</p>")
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _weights_words() -> str:
    by_weight: dict[float, list[str]] = {}
    for kind, w in WEIGHTS.items():
        by_weight.setdefault(w, []).append(kind.replace("_", " "))
    return "; ".join(f"{', '.join(kinds)} weigh {w:g}" for w, kinds in sorted(by_weight.items(), reverse=True)) + \
        "; a defining mechanic weighs 3"


def _requirements_table(report: QualityReport) -> list[str]:
    if not report.requirements:
        return []
    parts = ["<h2>What your GDD asks for</h2><table><tr><th></th><th>requirement</th><th>state</th>"
             "<th>in the GDD</th></tr>"]
    marks = {"verified": ("ok", "✓"), "approximated": ("skip", "≈"), "not_built": ("bad", "✗")}
    for r in report.requirements:
        cls, mark = marks[r.status]
        req = r.requirement
        where = f"{req.where.section} (line {req.where.line})" if req.where.line else req.where.section
        parts.append(f"<tr class='{cls}'><td class='mark'>{mark}</td><td>{_e(req.summary)}</td>"
                     f"<td><b>{_e(STATUS_WORDS[r.status])}</b>: {_e(r.detail)}</td>"
                     f"<td><q>{_e(req.words[:160])}</q><br><span class='muted'>{_e(where)}</span></td></tr>")
    parts.append("</table>")
    return parts


def report_from_json(text: str | bytes) -> QualityReport:
    return QualityReport.model_validate(json.loads(text))
