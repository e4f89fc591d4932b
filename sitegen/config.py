"""The site's settings (`sitegen.yaml`) and shared lists (organisations, vocabulary).

Each loader returns its value (or None when it cannot be used) with every diagnostic it
found: a config with three mistakes reports three, not the first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from . import codehost, models, schema, sources, yamlstrict
from .codehost import Repository
from .diagnostics import ContentProblem, Diagnostic, error
from .messages import msg
from .terms import fold, is_slug, slugify

CONFIG_FILE = "sitegen.yaml"
ORGANISATIONS_FILE = "content/organisations.yaml"
VOCABULARY_FILE = "content/vocabulary.yaml"
MAX_ID = 80

Language = Literal["nl", "en"]


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Points per criterion of a suggestion (docs/matching.md); the score is their share of the total."""

    skills: float = 40
    fields: float = 15
    region: float = 10
    availability: float = 10
    hours: float = 10
    engagement: float = 10
    languages: float = 5

    @property
    def total(self) -> float:
        return (
            self.skills + self.fields + self.region + self.availability + self.hours + self.engagement + self.languages
        )


@dataclass(frozen=True, slots=True)
class Matching:
    """The `matching:` settings: how suggestions are scored, which are shown and how many."""

    weights: MatchWeights = MatchWeights()
    minimum_score: int = 35  # out of 100; weaker suggestions are not shown
    suggestions: int = 5  # per page; 0 turns matching off


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    base_url: str  # always ends with '/'
    description: str | None = None
    language: Language = "nl"
    page_size: int = 24
    repository: Repository | None = None
    coordinators: tuple[str, ...] = ()
    theme: str = "default"
    matching: Matching = Matching()
    networks: tuple[Network, ...] = ()


NetworkKind = Literal["profiles", "assignments"]
NETWORK_KINDS: tuple[NetworkKind, ...] = ("profiles", "assignments")
DEFAULT_MAX_AGE = 7  # days


@dataclass(frozen=True, slots=True)
class Network:
    """Another sitegen directory whose exports this site imports (docs/federation.md): by its site's
    address (`url`, its exports under `api/v1/`) or by the folder of a built copy (`path`)."""

    name: str
    url: str | None = None  # ends with '/'
    path: str | None = None  # relative to the site folder, or absolute
    kinds: tuple[NetworkKind, ...] = NETWORK_KINDS
    max_age: int = DEFAULT_MAX_AGE  # days: a copy older than this, used from the cache, warns
    line: int = 0  # of its entry in sitegen.yaml, where its diagnostics point


def _base_url_pattern() -> str:
    """What normalize_base_url accepts: https, or http on this machine; a host; no query or fragment."""
    spaces = f"[{schema.char_ranges(schema.WHITESPACE)}]*"
    banned = schema.char_ranges(schema.NOT_IN_URL)
    remote = f"[Hh][Tt][Tt][Pp][Ss]://[^/?#@:{banned}][^/?#@{banned}]*"
    local = r"[Hh][Tt][Tt][Pp]://(?:[Ll][Oo][Cc][Aa][Ll][Hh][Oo][Ss][Tt]|127\.0\.0\.1)(?::[0-9]*)?"
    return f"^{spaces}(?:{remote}|{local})(?:/[^?#{banned}]*)?{spaces}$"


@schema.rule(schema.Rule("base-url", 1, 300, pattern=_base_url_pattern()))
def _base_url(node: yamlstrict.Node, key: str, ctx: schema.Context) -> Any:
    value = schema.text(1, 300)(node, key, ctx)
    if value is schema.INVALID:
        return value
    assert isinstance(value, str)
    normalized = normalize_base_url(value)
    if normalized is None:
        return ctx.error(
            node,
            "invalid-url",
            msg("config.base-url", key=key, value=value),
            msg("config.base-url.hint"),
        )
    return normalized


def normalize_base_url(value: str) -> str | None:
    """The base URL ending in '/', or None when it is not https (or http on this machine)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    local = parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1")
    if not (parts.scheme == "https" or local) or not parts.hostname or "?" in value or "#" in value:
        return None  # also an empty query or fragment: 'https://x.nl/?' would make every link odd
    if not schema.valid_host(parts.hostname) or not schema.valid_port(parts):
        return None
    if parts.username or parts.password or any(c.isspace() or c == "\\" for c in value):
        return None
    return value if value.endswith("/") else value + "/"


REPOSITORY: schema.Spec = (
    schema.Key("url", schema.https_url, required=True),
    schema.Key("branch", schema.text(1, 100)),
    schema.Key("host", schema.choice(codehost.HOSTS)),
)


@schema.rule(schema.Rule("mapping", spec=REPOSITORY))
def _repository(node: yamlstrict.Node, key: str, ctx: schema.Context) -> Any:
    """The project page, its branch and whether it is on GitHub or GitLab (the URL forms differ)."""
    values = schema.validate_mapping(node, REPOSITORY, key, ctx)
    if not isinstance(values, dict):
        return schema.INVALID
    url = values["url"]
    host = values.get("host") or codehost.guess_host(url)
    if host is None:
        return ctx.error(
            ctx.lines[f"{key}.url"],
            "unknown-code-host",
            msg("config.code-host", key=key, value=url),
            msg("config.code-host.hint", key=key),
        )
    problem = codehost.project_problem(url, host)
    if problem:
        return ctx.error(
            ctx.lines[f"{key}.url"],
            "invalid-url",
            msg("config.repository", key=key, value=url, problem=problem),
            msg("config.repository.hint"),
        )
    return Repository(codehost.project_url(url), values.get("branch", "main"), host)


@schema.rule(schema.Rule("slug", 1, 60, what="theme folder", pattern=schema.SLUG_PATTERN))
def _theme_name(node: yamlstrict.Node, key: str, ctx: schema.Context) -> Any:
    value = schema.text(1, 60)(node, key, ctx)
    if isinstance(value, str) and not is_slug(value):
        return ctx.error(
            node,
            "invalid-value",
            msg("config.theme-name", key=key, value=value),
            msg("config.slug.hint"),
        )
    return value


def _names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


WEIGHTS: schema.Spec = tuple(schema.Key(name, schema.number(0, 100)) for name in _names(MatchWeights))


@schema.rule(schema.Rule("mapping", spec=WEIGHTS))
def _weights(node: yamlstrict.Node, key: str, ctx: schema.Context) -> Any:
    weights = schema.record(WEIGHTS, MatchWeights)(node, key, ctx)
    if isinstance(weights, MatchWeights) and weights.total == 0:
        return ctx.error(
            node,
            "out-of-range",
            msg("config.weights", key=key),
            msg("config.weights.hint"),
        )
    return weights


MATCHING: schema.Spec = (
    schema.Key("weights", _weights),
    schema.Key("minimum_score", schema.number(0, 100, whole=True)),
    schema.Key("suggestions", schema.number(0, 20, whole=True)),
)

NETWORK: schema.Spec = (
    schema.Key("name", schema.text(1, 60), required=True),
    schema.Key("url", _base_url),
    schema.Key("path", schema.text(1, 300)),
    schema.Key("kinds", schema.list_of(schema.choice(NETWORK_KINDS), "kinds", minimum=1, maximum=2, unique=True)),
    schema.Key("max_age", schema.number(1, 365, whole=True)),
)


@schema.rule(schema.Rule("mapping", spec=NETWORK))
def _network(node: yamlstrict.Node, key: str, ctx: schema.Context) -> Any:
    """One network: a name and exactly one of `url` and `path`."""
    values = schema.validate_mapping(node, NETWORK, key, ctx)
    if not isinstance(values, dict):
        return schema.INVALID
    if "url" in values and "path" in values:
        return ctx.error(
            node,
            "network-source",
            msg("network.both", key=key),
            msg("network.both.hint"),
        )
    if "url" not in values and "path" not in values:
        return ctx.error(
            node,
            "network-source",
            msg("network.neither", key=key),
            msg("network.neither.hint"),
        )
    return Network(**values, line=node.line)


CONFIG: schema.Spec = (
    schema.Key("title", schema.text(1, 120), required=True),
    schema.Key("description", schema.text(1, 300)),
    schema.Key("language", schema.choice(("nl", "en"))),
    schema.Key("base_url", _base_url, required=True),
    schema.Key("page_size", schema.number(1, 500, whole=True)),
    schema.Key("repository", _repository),
    schema.Key("coordinators", schema.list_of(schema.username, "user names", maximum=50, unique=True)),
    schema.Key("theme", _theme_name),
    schema.Key("matching", schema.record(MATCHING, Matching)),
    schema.Key("networks", schema.list_of(_network, "networks", minimum=1, maximum=20)),
)


def _load_yaml_file(site: Path, rel: str) -> tuple[yamlstrict.Mapping | None, list[Diagnostic]]:
    if not (site / rel).resolve().is_relative_to(site.resolve()):
        return None, [
            error(
                rel,
                0,
                0,
                "symbolic-link",
                msg("config.outside"),
                msg("source.file-link.hint"),
            )
        ]
    try:
        text = sources.read_text(str(site / rel))
        return yamlstrict.load(text, 1, "the file"), []
    except ContentProblem as problem:
        return None, [problem.to_diagnostic(rel)]


def declared_language(site: Path) -> Language:
    """The `language:` of a sitegen.yaml that is not valid otherwise, for its messages; else nl."""
    node = _load_yaml_file(site, CONFIG_FILE)[0] if (site / CONFIG_FILE).is_file() else None
    entry = node.get("language") if node is not None else None
    if entry is not None and isinstance(entry.value, yamlstrict.Scalar) and entry.value.value == "en":
        return "en"
    return "nl"


def load_config(site: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    if not (site / CONFIG_FILE).is_file():
        return None, [
            error(
                CONFIG_FILE,
                0,
                0,
                "missing-file",
                msg("file.missing", file=CONFIG_FILE),
                msg("config.missing.hint"),
            )
        ]
    node, diagnostics = _load_yaml_file(site, CONFIG_FILE)
    if node is None:
        return None, diagnostics
    ctx = schema.Context(CONFIG_FILE)
    values = schema.validate_mapping(node, CONFIG, "", ctx, missing_at=(1, 1))
    if not isinstance(values, dict):
        return None, ctx.diagnostics
    theme = values.get("theme", "default")
    if theme != "default" and not (site / "themes" / theme).is_dir():
        ctx.error(
            ctx.lines["theme"],
            "unknown-theme",
            msg("config.theme", theme=theme),
            msg("config.theme.hint", theme=theme),
        )
        return None, ctx.diagnostics
    if not _networks_apart(values.get("networks", ()), ctx):
        return None, ctx.diagnostics
    return SiteConfig(**values), ctx.diagnostics


def _networks_apart(networks: tuple[Network, ...], ctx: schema.Context) -> bool:
    """Each network's name is its own: cards, the facet and the cache folder go by it."""
    seen: dict[str, int] = {}
    ok = True
    for position, network in enumerate(networks, start=1):
        where = ctx.lines.get(f"networks[{position}].name", (0, 0))
        key = network_key(network.name)
        if key in seen:
            ok = False
            ctx.error(
                where,
                "duplicate-network",
                msg("network.duplicate", position=position, name=network.name, other=seen[key]),
                msg("network.duplicate.hint"),
            )
        seen.setdefault(key, position)
    return ok


def network_key(name: str) -> str:
    """A network's name as a folder name of the cache: 'Netwerk Noord' -> 'netwerk-noord'."""
    return slugify(name) or "network"


def load_organisations(site: Path) -> tuple[dict[str, models.Organisation], list[Diagnostic]]:
    if not (site / ORGANISATIONS_FILE).is_file():
        return {}, [
            error(
                ORGANISATIONS_FILE,
                0,
                0,
                "missing-file",
                msg("file.missing", file=ORGANISATIONS_FILE),
                msg("config.organisations.hint"),
            )
        ]
    node, diagnostics = _load_yaml_file(site, ORGANISATIONS_FILE)
    if node is None:
        return {}, diagnostics
    ctx = schema.Context(ORGANISATIONS_FILE)
    organisations: dict[str, models.Organisation] = {}
    for entry in node.entries:
        if not is_slug(entry.key):
            example = slugify(entry.key) or "gemeente-tilburg"
            ctx.error(
                (entry.key_line, entry.key_column),
                "invalid-id",
                msg("config.organisation-id", value=entry.key),
                msg("config.organisation-id.hint", example=example),
            )
            continue
        if len(entry.key) > MAX_ID:  # the id names a folder of the site
            ctx.error(
                (entry.key_line, entry.key_column),
                "invalid-id",
                msg("config.organisation-id.long", value=entry.key[:20], count=len(entry.key), limit=MAX_ID),
                msg("config.organisation-id.long.hint"),
            )
            continue
        values = schema.validate_mapping(entry.value, schema.ORGANISATION, entry.key, ctx)
        if isinstance(values, dict):
            organisations[entry.key] = models.Organisation(id=entry.key, line=entry.key_line, **values)
    return organisations, ctx.diagnostics


def load_vocabulary(site: Path) -> tuple[models.Vocabulary | None, list[Diagnostic]]:
    if not (site / VOCABULARY_FILE).is_file():
        return None, []
    node, diagnostics = _load_yaml_file(site, VOCABULARY_FILE)
    if node is None:
        return None, diagnostics
    ctx = schema.Context(VOCABULARY_FILE)
    values = schema.validate_mapping(node, VOCABULARY, "", ctx)
    if not isinstance(values, dict):
        return None, ctx.diagnostics
    vocabulary = models.Vocabulary(values.get("fields", ()), values.get("skills", ()))
    _check_unambiguous(vocabulary, node, ctx)
    return (None if ctx.diagnostics_have_errors() else vocabulary), ctx.diagnostics


def _term(term: str, aliases: tuple[str, ...] = ()) -> models.Term:
    return models.Term(term, aliases)


_TERMS = schema.list_of(schema.record(schema.TERM, _term), "terms", minimum=1, maximum=5000)
VOCABULARY: schema.Spec = (schema.Key("fields", _TERMS), schema.Key("skills", _TERMS))


def _check_unambiguous(vocabulary: models.Vocabulary, node: yamlstrict.Mapping, ctx: schema.Context) -> None:
    """Each term and alias means exactly one term of its kind."""
    for kind, terms in (("fields", vocabulary.fields), ("skills", vocabulary.skills)):
        entry = node.get(kind)
        items = entry.value.items if entry and isinstance(entry.value, yamlstrict.Sequence) else ()
        owner: dict[str, str] = {}
        for term, item in zip(terms, items, strict=False):
            for word in (term.term, *term.aliases):
                folded = fold(word)
                if folded in owner and owner[folded] != term.term:
                    ctx.error(
                        item,
                        "ambiguous-term",
                        msg("config.ambiguous", kind=kind, word=word, term=term.term, owner=owner[folded]),
                        msg("config.ambiguous.hint"),
                    )
                owner.setdefault(folded, term.term)
