"""Showing entity cards and cross-case hits on a terminal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from bot import texts
from bot.operator import operator_requester
from casework.entities.hits import Hit
from casework.entities.lookup import EntityCard, MentionView
from casework.identifiers.kinds import IdentifierKind
from casework.identifiers.labels import label
from casework.usecases.looking_up import LookupOutcome

if TYPE_CHECKING:
    from bot.services import Services


def look_up_as_operator(services: Services, typed: str, case: str | None) -> LookupOutcome:
    requester = operator_requester(services.settings.operator, case)
    return services.looking_up.look_up(typed, requester)


def kind_label(kind: str | None) -> str:
    if kind is None:
        return texts.NAME_LABELS["name"]
    if kind in texts.NAME_LABELS:
        return texts.NAME_LABELS[kind]
    try:
        return label(IdentifierKind(kind))
    except ValueError:
        return kind


def count_text(count: int, lower_bound: bool) -> str:
    return f"{count}+" if lower_bound else str(count)


def print_card(console: Console, card: EntityCard) -> None:
    for line in card_lines(card):
        console.print(escape(line), highlight=False)


def card_lines(card: EntityCard) -> list[str]:
    lines = _heading(card)
    if not card.found:
        return lines
    if card.mentions:
        lines.append(
            texts.LOOKUP_SEEN.format(
                documents=len({mention.document_id for mention in card.mentions}),
                first=card.first_seen,
                last=card.last_seen,
            )
        )
    for heading, mentions in grouped(card.mentions):
        lines.append(heading)
        lines.extend(_mention_lines(mentions))
    hidden = card.mention_total - len(card.mentions)
    if hidden > 0:
        lines.append(texts.LOOKUP_MORE.format(more=count_text(hidden, card.counts_capped)))
    lines.extend(
        texts.LOOKUP_WITHHELD.format(
            documents=count_text(group.documents, card.counts_capped), case_id=group.case_id
        )
        for group in card.withheld
    )
    if card.related:
        related = ", ".join(
            texts.LOOKUP_RELATED_ITEM.format(
                value=item.value, kind=kind_label(item.kind), count=item.count
            )
            for item in card.related
        )
        lines.append(texts.LOOKUP_RELATED.format(related=related))
    return lines


def grouped(mentions: Sequence[MentionView]) -> list[tuple[str, list[MentionView]]]:
    """Mentions by case (case notes first, by case id), then those in public filings."""
    by_case: dict[str | None, list[MentionView]] = defaultdict(list)
    for mention in mentions:
        by_case[mention.case_id if mention.kind == "note" else None].append(mention)
    groups = [
        (texts.LOOKUP_CASE_GROUP.format(case_id=case_id), by_case[case_id])
        for case_id in sorted(case for case in by_case if case is not None)
    ]
    if None in by_case:
        groups.append((texts.LOOKUP_PUBLIC_GROUP, by_case[None]))
    return groups


def _heading(card: EntityCard) -> list[str]:
    if card.kind == "name":
        if not card.matches:
            return [texts.LOOKUP_NOT_AN_IDENTIFIER.format(query=card.query)]
        lines = [texts.LOOKUP_NAME_HEADING.format(query=card.query)]
        lines.extend(
            texts.LOOKUP_NAME_MATCH.format(
                display=match.display, kind=kind_label(match.kind), score=match.score, why=match.why
            )
            for match in card.matches
        )
        return lines
    validity = texts.LOOKUP_VALID if card.valid else texts.LOOKUP_INVALID
    lines = [
        texts.LOOKUP_HEADING.format(
            label=kind_label(card.kind).capitalize(), value=card.normalized, validity=validity
        )
    ]
    if card.alternatives:
        alternatives = ", ".join(kind_label(kind) for kind in card.alternatives)
        lines.append(texts.LOOKUP_ALTERNATIVES.format(alternatives=alternatives))
    if not card.found:
        lines.append(texts.LOOKUP_NOT_FOUND.format(query=card.query))
    return lines


def _mention_lines(mentions: Sequence[MentionView]) -> list[str]:
    lines = []
    for mention in mentions:
        page = f", page {mention.page}" if mention.page else ""
        lines.append(
            texts.LOOKUP_MENTION.format(
                title=mention.title, page=page, kind=mention.kind, marking=mention.marking
            )
        )
        if mention.quote:
            lines.append(texts.LOOKUP_QUOTE.format(quote=mention.quote))
    return lines


def hit_line(hit: Hit) -> str:
    return texts.HITS_LINE.format(
        raised_at=hit.raised_at.isoformat(timespec="minutes"),
        label=kind_label(hit.entity_kind),
        value=hit.entity_display,
        case_a=hit.case_a,
        case_b=hit.case_b,
    )
