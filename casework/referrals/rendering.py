"""A referral package as the partner receives it: a PDF for people and the JSON document
(described by ``referral-package.schema.json``) for the partner's systems, both made once per
version by :func:`render`.

The PDF uses the PDF core fonts, which only know latin-1: every text goes through
:func:`latin1_safe` first (curly quotes become straight ones, dashes "-", anything else
that has no latin-1 form "?"). The JSON keeps the text exactly as the package has it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import zip_longest
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from casework.referrals import rendering_texts as texts
from casework.referrals.delivery import Rendered
from casework.referrals.package import (
    Evidence,
    PolicyResult,
    ReferralPackage,
    RelatedHit,
    Subject,
    Tlp,
)

SCHEMA_RESOURCE = "referral-package.schema.json"

TLP_COLOURS: dict[Tlp, tuple[int, int, int]] = {
    Tlp.RED: (255, 43, 43),
    Tlp.AMBER: (255, 192, 0),
    Tlp.AMBER_STRICT: (255, 192, 0),
    Tlp.GREEN: (51, 255, 0),
    Tlp.CLEAR: (255, 255, 255),
}
"""The FIRST TLP 2.0 colours; each label is printed in its colour on black."""

FONT = "Helvetica"
HASH_FONT = FontFace(family="Courier", size_pt=7)
BODY_SIZE = 9.5
LINE = 5.0
LABEL_WIDTH = 42.0
EVIDENCE_WIDTHS = (7, 38, 11, 78, 56)
HASH_LINE_CHARACTERS = 32
ROW_TEXT_LIMIT = 700
ROW_LINE_LIMIT = 25
"""A table row cannot span pages: a cell's text beyond these limits continues in the next row."""

_LATIN1_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0131": "i",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u2026": "...",
        "\t": " ",
        "\r": "",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00ad": "",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)


def render(package: ReferralPackage) -> Rendered:
    """The package as sent: its PDF and its JSON text."""
    json_text = json.dumps(package.as_json(), indent=2, ensure_ascii=False)
    return Rendered(package=package, pdf=render_pdf(package), json_text=json_text)


def render_pdf(package: ReferralPackage) -> bytes:
    pdf = _ReferralPdf(package)
    pdf.add_page()
    _title(pdf, package)
    _referral_block(pdf, package)
    _handling_block(pdf, package)
    _summary(pdf, package.summary)
    _subjects(pdf, package.subjects)
    _evidence(pdf, package.evidence)
    _related_hits(pdf, package.related_hits)
    _policy(pdf, package.policy)
    return bytes(pdf.output())


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def package_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`ReferralPackage.as_json`; a fresh copy."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def latin1_safe(text: str) -> str:
    """``text`` as the PDF core fonts can print it."""
    return "".join(_latin1_character(character) for character in text.translate(_LATIN1_LOOKALIKES))


def _latin1_character(character: str) -> str:
    if character == "\n":
        return character
    if ord(character) < 256:
        return character if character.isprintable() else "?"
    # A letter with a mark latin-1 lacks ("ő") keeps its base letter.
    folded = unicodedata.normalize("NFKD", character).encode("latin-1", "ignore").decode("latin-1")
    folded = "".join(c for c in folded if c.isprintable())
    return folded or "?"


class _ReferralPdf(FPDF):
    """A4 pages whose header carries the referral id, the TLP label and the markings."""

    def __init__(self, package: ReferralPackage) -> None:
        super().__init__(format="A4")
        self.package = package
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creation_date(package.created_at)
        self.set_title(latin1_safe(texts.DOCUMENT_TITLE.format(referral_id=package.referral_id)))
        self.set_author("Casebot")

    def header(self) -> None:
        top = self.get_y()
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        running = texts.RUNNING_HEADER.format(
            referral_id=self.package.referral_id, version=self.package.version
        )
        self.cell(0, LINE, latin1_safe(running))
        self.set_xy(self.l_margin, top)
        if self.package.handling.tlp is not None:
            self._tlp_label(self.package.handling.tlp)
        self.set_font(FONT, size=8)
        self.set_text_color(0, 0, 0)
        markings = texts.MARKINGS_LINE.format(markings=_markings(self.package))
        self.cell(0, LINE, latin1_safe(markings), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def _tlp_label(self, tlp: Tlp) -> None:
        self.set_font(FONT, style="B", size=12)
        width = self.get_string_width(tlp.value) + 6
        self.set_x(self.w - self.r_margin - width)
        self.set_fill_color(0, 0, 0)
        self.set_text_color(*TLP_COLOURS[tlp])
        self.cell(width, 7, tlp.value, fill=True, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        tlp = self.package.handling.tlp
        if tlp is not None:
            self.cell(0, LINE, tlp.value)
            self.set_x(self.l_margin)
        page = texts.PAGE_FOOTER.format(page=self.page_no(), pages="{nb}")
        self.cell(0, LINE, page, align="R")


def _markings(package: ReferralPackage) -> str:
    return ", ".join(package.handling.markings) or texts.NONE_GIVEN


def _title(pdf: FPDF, package: ReferralPackage) -> None:
    pdf.set_font(FONT, style="B", size=16)
    title = texts.DOCUMENT_TITLE.format(referral_id=package.referral_id)
    pdf.multi_cell(0, 8, latin1_safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_SIZE)
    created = package.created_at.isoformat(timespec="seconds")
    version = texts.VERSION_LINE.format(version=package.version, created_at=created)
    pdf.multi_cell(0, LINE, latin1_safe(version), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, style="B", size=12)
    pdf.multi_cell(0, 7, latin1_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_SIZE)


def _field(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font(FONT, style="B", size=BODY_SIZE)
    pdf.cell(LABEL_WIDTH, LINE, latin1_safe(label))
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.multi_cell(0, LINE, latin1_safe(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.multi_cell(0, LINE, latin1_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _referral_block(pdf: FPDF, package: ReferralPackage) -> None:
    _heading(pdf, texts.HEADING_REFERRAL)
    investigator = package.investigator
    partner = package.partner
    _field(pdf, texts.LABEL_CASE, package.case_id)
    _field(
        pdf,
        texts.LABEL_INVESTIGATOR,
        texts.INVESTIGATOR_LINE.format(name=investigator.name, user_id=investigator.user_id),
    )
    _field(pdf, texts.LABEL_CONTACT, investigator.contact)
    _field(
        pdf,
        texts.LABEL_PARTNER,
        texts.PARTNER_LINE.format(name=partner.name, kind=partner.kind, partner_id=partner.id),
    )
    _field(pdf, texts.LABEL_REQUESTED_ACTION, texts.REQUESTED_ACTIONS[package.requested_action])
    _field(pdf, texts.LABEL_PRIORITY, texts.PRIORITIES[package.priority])


def _handling_block(pdf: FPDF, package: ReferralPackage) -> None:
    _heading(pdf, texts.HEADING_HANDLING)
    handling = package.handling
    _field(pdf, texts.LABEL_MARKINGS, _markings(package))
    tlp = texts.TLP_MEANINGS[handling.tlp] if handling.tlp is not None else texts.NO_TLP
    _field(pdf, texts.LABEL_TLP, tlp)
    _field(pdf, texts.LABEL_DISSEMINATION, handling.dissemination)


def _summary(pdf: FPDF, summary: str) -> None:
    _heading(pdf, texts.HEADING_SUMMARY)
    _paragraph(pdf, summary)


def _subjects(pdf: FPDF, subjects: Sequence[Subject]) -> None:
    _heading(pdf, texts.HEADING_SUBJECTS)
    if not subjects:
        _paragraph(pdf, texts.NO_SUBJECTS)
    for subject in subjects:
        identifiers = "; ".join(f"{kind}: {value}" for kind, value in subject.identifiers)
        _field(pdf, subject.name, identifiers or texts.SUBJECT_WITHOUT_IDENTIFIERS)


def _evidence(pdf: FPDF, evidence: Sequence[Evidence]) -> None:
    _heading(pdf, texts.HEADING_EVIDENCE)
    if not evidence:
        _paragraph(pdf, texts.NO_EVIDENCE)
        return
    pdf.set_font(FONT, size=8)
    with pdf.table(
        col_widths=EVIDENCE_WIDTHS, text_align="LEFT", line_height=4, v_align="TOP"
    ) as table:
        table.row([latin1_safe(column) for column in texts.EVIDENCE_COLUMNS])
        for number, item in enumerate(evidence, start=1):
            page = str(item.page) if item.page is not None else texts.NO_PAGE
            cells = (str(number), item.title, page, item.quote, _wrapped_hash(item.sha256))
            for values in _continued_rows(cells):
                row = table.row()
                for column, value in enumerate(values):
                    style = HASH_FONT if column == len(values) - 1 else None
                    row.cell(latin1_safe(value), style=style)
    pdf.set_font(FONT, size=BODY_SIZE)


def _wrapped_hash(sha256: str) -> str:
    """The hash in lines of equal length: it has no spaces to wrap at."""
    step = HASH_LINE_CHARACTERS
    return "\n".join(sha256[start : start + step] for start in range(0, len(sha256), step))


def _continued_rows(cells: Sequence[str]) -> list[tuple[str, ...]]:
    """One row, or several when a cell is too long for one page."""
    return list(zip_longest(*(_pieces(cell) for cell in cells), fillvalue=""))


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    rest = text
    while len(rest) > ROW_TEXT_LIMIT or rest.count("\n") >= ROW_LINE_LIMIT:
        cut = _cut_point(rest)
        pieces.append(rest[:cut])
        rest = rest[cut:].removeprefix(" ").removeprefix("\n")
    pieces.append(rest)
    return pieces


def _cut_point(text: str) -> int:
    window = text[:ROW_TEXT_LIMIT]
    if window.count("\n") >= ROW_LINE_LIMIT:
        return _nth_index(window, "\n", ROW_LINE_LIMIT)
    space = window.rfind(" ")
    return space if space > ROW_TEXT_LIMIT // 2 else ROW_TEXT_LIMIT


def _nth_index(text: str, character: str, count: int) -> int:
    index = -1
    for _ in range(count):
        index = text.index(character, index + 1)
    return index


def _related_hits(pdf: FPDF, hits: Sequence[RelatedHit]) -> None:
    _heading(pdf, texts.HEADING_RELATED)
    rows = [(hit.kind, hit.value, hit.other_case_id or texts.OTHER_CASE_NOT_NAMED) for hit in hits]
    _table(pdf, texts.RELATED_COLUMNS, rows, texts.NO_RELATED, widths=(30, 80, 76))


def _policy(pdf: FPDF, policy: PolicyResult) -> None:
    _heading(pdf, texts.HEADING_POLICY)
    if policy.allowed:
        _paragraph(pdf, texts.POLICY_ALLOWED)
    else:
        reason = policy.blocked_reason or texts.NONE_GIVEN
        _paragraph(pdf, texts.POLICY_BLOCKED.format(reason=reason))
    pdf.ln(2)
    _paragraph(pdf, texts.WITHHELD_INTRO)
    withheld = [(entry.item, entry.reason) for entry in policy.withheld]
    _table(pdf, texts.WITHHELD_COLUMNS, withheld, texts.NOTHING_WITHHELD, widths=(70, 116))
    pdf.ln(2)
    _paragraph(pdf, texts.REDACTIONS_INTRO)
    redactions = [(entry.kind, entry.where, str(entry.count)) for entry in policy.redactions]
    _table(pdf, texts.REDACTION_COLUMNS, redactions, texts.NOTHING_REDACTED, widths=(40, 120, 26))


def _table(
    pdf: FPDF,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    when_empty: str,
    *,
    widths: Sequence[int],
) -> None:
    if not rows:
        _paragraph(pdf, when_empty)
        return
    pdf.set_font(FONT, size=8)
    with pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=4) as table:
        table.row([latin1_safe(column) for column in columns])
        for values in rows:
            for continued in _continued_rows(values):
                table.row([latin1_safe(value) for value in continued])
    pdf.set_font(FONT, size=BODY_SIZE)
