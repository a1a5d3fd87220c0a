"""The partners file: the agencies and companies a case may refer to, how each is reached and
what each may receive. YAML, at the path ``CASEBOT_PARTNERS_FILE`` names (see
``partners.example.yml``)::

    partners:
      - id: cbp-newark
        name: U.S. Customs and Border Protection, Port of Newark
        kind: government            # government | private
        deliveries:
          - email: ipr-newark@cbp.example.gov
          - slack_channel: C0CBPNWK1
          - webhook: https://intake.example.com/referrals
            secret_env: CBP_WEBHOOK_SECRET   # the HMAC secret, read from the environment
        markings: [PUBLIC, LES]     # never 6E
        redact: []                  # date_of_birth, ssn, personal_phone, personal_email
        requires_approval: false    # a case lead approves before it is sent
        tlp: AMBER                  # private partners only (TLP 2.0), and required for them

A webhook's secret is read from the environment variable ``secret_env`` names, never kept in the
file; ``secret:`` inline is accepted for tests and demos only. Private partners have all four
kinds of personal data redacted unless ``redact`` says otherwise.

Every problem is reported at once, each with its line (from PyYAML's node marks) and what to fix,
in a :class:`~casework.referrals.errors.PartnersFileError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from casework.identifiers.contact import normalise_email
from casework.markings import Marking
from casework.referrals import texts
from casework.referrals.delivery import DeliveryTarget, TargetKind
from casework.referrals.errors import PartnersFileError
from casework.referrals.package import PartnerRef, Tlp
from casework.settings_files import YamlProblemError, compose, located, validation_problems


class PartnerKind(StrEnum):
    GOVERNMENT = "government"
    PRIVATE = "private"


class PersonalData(StrEnum):
    """Kinds of personal data the policy can redact for a partner."""

    DATE_OF_BIRTH = "date_of_birth"
    SSN = "ssn"
    PERSONAL_PHONE = "personal_phone"
    PERSONAL_EMAIL = "personal_email"


SHAREABLE_MARKINGS: Final = frozenset({Marking.PUBLIC.value, Marking.LES.value})
SLACK_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,}")
LOCAL_HOSTS: Final = frozenset({"127.0.0.1", "localhost"})
_TLP_LABELS = ", ".join(label.value.removeprefix("TLP:") for label in Tlp)
_REDACTION_KINDS = ", ".join(kind.value for kind in PersonalData)


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    kind: PartnerKind
    deliveries: tuple[DeliveryTarget, ...]
    markings: frozenset[str] = frozenset({Marking.PUBLIC.value})
    redact: frozenset[PersonalData] = frozenset()
    requires_approval: bool = False
    tlp: Tlp | None = None

    @property
    def ref(self) -> PartnerRef:
        return PartnerRef(id=self.id, name=self.name, kind=self.kind.value)

    @property
    def slack_channels(self) -> tuple[str, ...]:
        return tuple(t.address for t in self.deliveries if t.kind is TargetKind.SLACK)

    def target(self, key: str) -> DeliveryTarget | None:
        return next((target for target in self.deliveries if target.key == key), None)


@dataclass(frozen=True)
class Partners:
    by_id: Mapping[str, Partner] = field(default_factory=dict)

    def get(self, partner_id: str) -> Partner | None:
        return self.by_id.get(partner_id)

    def __iter__(self) -> Iterator[Partner]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.by_id)


NO_PARTNERS: Final = Partners()


def load_partners(path: Path, environ: Mapping[str, str]) -> Partners:
    """Read and check the partners file; ``environ`` gives the webhooks' secrets."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PartnersFileError(path, [(0, str(error.strerror or error))]) from error
    return parse_partners(text, str(path), environ)


def parse_partners(text: str, source: str, environ: Mapping[str, str]) -> Partners:
    try:
        root, data = compose(text, texts.PARTNERS_FILE_NOT_A_MAPPING)
    except YamlProblemError as problem:
        raise PartnersFileError(source, [problem.problem]) from problem
    try:
        parsed = _PartnersFileModel.model_validate(data, context={"environ": environ})
    except ValidationError as error:
        raise PartnersFileError(source, validation_problems(error, root)) from error
    duplicates = _duplicate_ids(parsed, root)
    if duplicates:
        raise PartnersFileError(source, duplicates)
    return Partners({entry.id: entry.to_partner(environ) for entry in parsed.partners})


class PartnersFile:
    """The partners file, read again when it changes on disk: the outbox re-checks every
    delivery against what the file says now."""

    def __init__(self, path: Path | None, environ: Mapping[str, str]) -> None:
        self._path = path
        self._environ = environ
        self._stamp: tuple[float, int] | None = None
        self._partners = NO_PARTNERS

    @property
    def path(self) -> Path | None:
        return self._path

    def current(self) -> Partners:
        if self._path is None:
            return NO_PARTNERS
        try:
            stat = self._path.stat()
        except OSError as error:
            raise PartnersFileError(self._path, [(0, str(error.strerror or error))]) from error
        stamp = (stat.st_mtime, stat.st_size)
        if stamp != self._stamp:
            self._partners = load_partners(self._path, self._environ)
            self._stamp = stamp
        return self._partners


# -- the file's schema -----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DeliveryModel(_Strict):
    slack_channel: str | None = None
    email: str | None = None
    webhook: str | None = None
    secret_env: str | None = None
    secret: str | None = None

    @field_validator("slack_channel")
    @classmethod
    def _channel_id(cls, value: str | None) -> str | None:
        if value is not None and not SLACK_CHANNEL.fullmatch(value):
            raise ValueError(texts.BAD_SLACK_CHANNEL.format(channel=value))
        return value

    @field_validator("email")
    @classmethod
    def _email_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        address = normalise_email(value)
        if address is None:
            raise ValueError(texts.BAD_EMAIL.format(address=value))
        return address

    @field_validator("webhook")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not _acceptable_webhook(value):
            raise ValueError(texts.WEBHOOK_NOT_HTTPS.format(url=value))
        return value

    @field_validator("secret_env")
    @classmethod
    def _secret_is_set(cls, value: str | None, info: ValidationInfo) -> str | None:
        environ: Mapping[str, str] = (info.context or {}).get("environ", {})
        if value is not None and not environ.get(value):
            raise ValueError(texts.SECRET_ENV_MISSING.format(name=value))
        return value

    @model_validator(mode="after")
    def _one_kind_and_its_secret(self) -> _DeliveryModel:
        named = [a for a in (self.slack_channel, self.email, self.webhook) if a is not None]
        if len(named) != 1:
            raise ValueError(texts.ONE_DELIVERY_KIND)
        has_secret = self.secret_env is not None or self.secret is not None
        if self.webhook is None and has_secret:
            raise ValueError(texts.SECRET_ONLY_FOR_WEBHOOKS)
        if self.webhook is not None and not has_secret:
            raise ValueError(texts.WEBHOOK_NEEDS_SECRET)
        if self.secret_env is not None and self.secret is not None:
            raise ValueError(texts.ONE_SECRET)
        return self

    def to_target(self, environ: Mapping[str, str]) -> DeliveryTarget:
        if self.slack_channel is not None:
            return DeliveryTarget(TargetKind.SLACK, self.slack_channel)
        if self.email is not None:
            return DeliveryTarget(TargetKind.EMAIL, self.email)
        assert self.webhook is not None  # checked by _one_kind_and_its_secret
        secret = environ[self.secret_env] if self.secret_env else self.secret
        return DeliveryTarget(TargetKind.WEBHOOK, self.webhook, secret)


class _PartnerModel(_Strict):
    id: str
    name: str
    kind: PartnerKind
    deliveries: list[_DeliveryModel]
    markings: list[str] = [Marking.PUBLIC.value]
    redact: list[str] | None = None
    requires_approval: bool = False
    tlp: str | None = None

    @field_validator("deliveries")
    @classmethod
    def _some_delivery(cls, value: list[_DeliveryModel]) -> list[_DeliveryModel]:
        if not value:
            raise ValueError(texts.NO_DELIVERIES)
        return value

    @field_validator("markings")
    @classmethod
    def _shareable_markings(cls, value: list[str]) -> list[str]:
        for marking in value:
            if marking == Marking.SIXE.value:
                raise ValueError(texts.SIXE_NEVER_SHARED)
            if marking not in SHAREABLE_MARKINGS:
                raise ValueError(texts.UNKNOWN_MARKING.format(marking=marking))
        return value

    @field_validator("redact")
    @classmethod
    def _known_personal_data(cls, value: list[str] | None) -> list[str] | None:
        for kind in value or ():
            if kind not in PersonalData.__members__.values():
                raise ValueError(texts.UNKNOWN_REDACTION.format(kind=kind, kinds=_REDACTION_KINDS))
        return value

    @field_validator("tlp")
    @classmethod
    def _tlp_label(cls, value: str | None) -> str | None:
        if value is not None and _tlp_of(value) is None:
            raise ValueError(texts.UNKNOWN_TLP.format(label=value, labels=_TLP_LABELS))
        return value

    @model_validator(mode="after")
    def _tlp_for_private_only(self) -> _PartnerModel:
        if self.kind is PartnerKind.PRIVATE and self.tlp is None:
            raise ValueError(texts.TLP_REQUIRED.format(labels=_TLP_LABELS))
        if self.kind is PartnerKind.GOVERNMENT and self.tlp is not None:
            raise ValueError(texts.TLP_REFUSED)
        return self

    def to_partner(self, environ: Mapping[str, str]) -> Partner:
        return Partner(
            id=self.id,
            name=self.name,
            kind=self.kind,
            deliveries=tuple(delivery.to_target(environ) for delivery in self.deliveries),
            markings=frozenset(self.markings),
            redact=self._redactions(),
            requires_approval=self.requires_approval,
            tlp=_tlp_of(self.tlp) if self.tlp else None,
        )

    def _redactions(self) -> frozenset[PersonalData]:
        if self.redact is None:
            everything = self.kind is PartnerKind.PRIVATE
            return frozenset(PersonalData) if everything else frozenset()
        return frozenset(PersonalData(kind) for kind in self.redact)


class _PartnersFileModel(_Strict):
    partners: list[_PartnerModel]


def _acceptable_webhook(url: str) -> bool:
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


def _tlp_of(label: str) -> Tlp | None:
    wanted = label.upper().removeprefix("TLP:")
    return next((tlp for tlp in Tlp if tlp.value == f"TLP:{wanted}"), None)


def _duplicate_ids(parsed: _PartnersFileModel, root: yaml.Node | None) -> list[tuple[int, str]]:
    seen: set[str] = set()
    problems = []
    for index, entry in enumerate(parsed.partners):
        if entry.id in seen:
            location = ("partners", index, "id")
            message = texts.DUPLICATE_PARTNER_ID.format(partner_id=entry.id)
            problems.append(located(root, location, message))
        seen.add(entry.id)
    return problems
