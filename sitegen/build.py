"""The pipeline: the one module that composes the stages, in order.

check:  load_config -> list_content -> read documents (timed worker pool) -> assemble
build:  check -> import (federation.py) -> select (audience, build date) -> match -> taxonomies -> plan
        -> render + write (workers) -> swap in
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

# `check` imports only what it runs: the build's own stages (Jinja2, the search's stemmers, NumPy
# for matching, Pillow) are imported where they run, saving a fifth of a second of start-up, a
# large part of a pull-request check that finds every file in the cache.
from . import audience, cache, config, directory, documents, fetch, models, sources
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .failures import InternalProblem, ThemeProblem, WriteProblem, system_problem
from .hashes import content_hash
from .schema import TermIndex
from .taxonomy import build_taxonomies
from .urls import Urls
from .workers import Crashed, TimedOut, default_jobs, run_timed, workers_share_memory
from .write import OutputFile, Staging, check_output_folder

if TYPE_CHECKING:
    from . import matching, render
    from .federation import Imported

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "BuildResult",
    "CheckResult",
    "Options",
    "build_site",
    "check_site",
    "default_jobs",
    "schema_files",
]

DEFAULT_TIME_LIMIT = 10.0
RENDER_CHUNK = 200  # pages per task: small enough to balance two cores, large enough to keep IPC cheap
FILE_CHUNK = 1000  # finished files per task: writing one costs far less than rendering a page
FORM_DATA_CHUNK = 1000  # profiles per task of the profile form's files: each is one small read and write

Progress = Callable[[str, int, int], None]
Done = TypeVar("Done")


@dataclass(frozen=True, slots=True)
class Options:
    build_date: dt.date
    jobs: int = dataclasses.field(default_factory=default_jobs)
    time_limit: float = DEFAULT_TIME_LIMIT
    audience: audience.Audience = "public"
    base_url: str | None = None  # overrides sitegen.yaml, for previews on another host
    networks: fetch.Settings = dataclasses.field(default_factory=fetch.Settings)  # --offline
    cache: Path | None = None  # the check's cache folder (cache.py); None: every file is read
    # Compiled templates kept from one build to the next in one process: the preview's.
    compiled_templates: render.CompiledTemplates | None = dataclasses.field(default=None, compare=False)
    progress: Progress | None = dataclasses.field(default=None, compare=False)  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class CheckResult:
    directory: directory.Directory | None  # None when the settings have errors, or without `records`
    diagnostics: list[Diagnostic]
    files_checked: int
    language: config.Language = "nl"  # the site's, in which the diagnostics are reported
    cache: cache.Report | None = None  # what the cache gave, and its warnings; None without one

    @property
    def broken_files(self) -> list[str]:
        return sorted({d.path for d in self.diagnostics if d.is_error})


@dataclass(frozen=True, slots=True)
class BuildSummary:
    pages: dict[str, int]  # per kind
    files: int
    bytes: int
    seconds: float
    stages: dict[str, float]  # seconds per stage: check, import, match, plan, render (with search and writing), swap


@dataclass(frozen=True, slots=True)
class BuildResult:
    check: CheckResult
    published: BuildSummary | None


def check_site(site: Path, options: Options, keep_html: bool = True, records: bool = True) -> CheckResult:
    """Every file checked, and the `Directory` of what is valid. Without `records` (`sitegen
    check`, which reports the diagnostics alone) there is no directory, and the cache decodes no
    record: the checks across files read each file's `Facts` either way, so the diagnostics are the
    same."""
    site_config, diagnostics = config.load_config(site)
    organisations, found = config.load_organisations(site)
    diagnostics += found
    vocabulary, found = config.load_vocabulary(site)
    diagnostics += found
    listing, found = sources.list_content(site)
    diagnostics += found

    context = documents.ParseContext(
        build_date=options.build_date,
        vocabulary=TermIndex.from_vocabulary(vocabulary) if vocabulary else None,
        organisations=frozenset(organisations),
        profiles=frozenset(d.slug for d in listing.documents if d.kind == "profile"),
        keep_html=keep_html,
    )
    tasks: list[sources.SourceFile | sources.PhotoFile] = [*listing.documents, *listing.photos]
    readings, store = _read_files(tasks, context, vocabulary, options, records)
    results = [documents.finish(r, context) if isinstance(r, documents.Reading) else r for r in readings]
    document_results = [r for r in results if isinstance(r, documents.DocumentResult)]
    photo_results = [r for r in results if isinstance(r, documents.PhotoResult)]
    report = store.report if store else None

    files_checked = len(tasks) + sum(
        1 for f in (config.CONFIG_FILE, config.ORGANISATIONS_FILE, config.VOCABULARY_FILE) if (site / f).is_file()
    )
    if site_config is None:
        diagnostics += [d for r in results for d in r.diagnostics]
        return CheckResult(None, sorted_diagnostics(diagnostics), files_checked, config.declared_language(site), report)
    if not records:
        diagnostics += directory.check_across(site_config, document_results, photo_results).diagnostics
        return CheckResult(None, sorted_diagnostics(diagnostics), files_checked, site_config.language, report)
    if options.base_url:
        site_config = dataclasses.replace(site_config, base_url=options.base_url)
    assembled, found = directory.assemble(
        site_config, organisations, document_results, photo_results, options.build_date
    )
    diagnostics += found
    return CheckResult(assembled, sorted_diagnostics(diagnostics), files_checked, site_config.language, report)


def _read_files(
    tasks: list[sources.SourceFile | sources.PhotoFile],
    context: documents.ParseContext,
    vocabulary: models.Vocabulary | None,
    options: Options,
    records: bool = True,
) -> tuple[list[documents.Reading | documents.PhotoResult], cache.Store | None]:
    """Every file read by itself (`documents.process`): from the cache where it holds the file's
    entry, else in the timed workers; what the workers read goes into the cache. A timeout or
    crash is not kept: it may be the machine's, not the file's."""
    store = None
    found: list[documents.Reading | documents.PhotoResult | None] = [None] * len(tasks)
    keys: list[str | None] = [None] * len(tasks)
    if options.cache is not None:
        store = cache.Store(options.cache, *cache.salts(vocabulary), keep_html=context.keep_html, records=records)
        keys, found = cache.look_up(store, tasks)
        context = dataclasses.replace(context, keep_html=True)  # the cache serves the build too
    missing = [i for i, outcome in enumerate(found) if outcome is None]
    if missing and workers_share_memory():
        documents.prepare_workers(tasks[i] for i in missing)
    outcomes = run_timed(
        documents.process,
        [tasks[i] for i in missing],
        context,
        options.time_limit,
        options.jobs,
        progress=_stage_progress(options, "checking"),
    )
    for i, outcome in zip(missing, outcomes, strict=True):
        key = keys[i]
        if store is not None and key is not None and isinstance(outcome, (documents.Reading, documents.PhotoResult)):
            store.put(key, outcome)
        found[i] = _as_result(tasks[i], outcome, options.time_limit)
    if store is not None:
        store.save()
    return [outcome for outcome in found if outcome is not None], store


def _stage_progress(options: Options, stage: str) -> Callable[[int, int], None] | None:
    report = options.progress
    return None if report is None else (lambda done, total: report(stage, done, total))


def _as_result(
    task: sources.SourceFile | sources.PhotoFile,
    outcome: documents.Reading | documents.PhotoResult | TimedOut | Crashed,
    time_limit: float,
) -> documents.Reading | documents.PhotoResult:
    if isinstance(outcome, (documents.Reading, documents.PhotoResult)):
        return outcome
    if isinstance(outcome, TimedOut):
        problem = documents.timeout_diagnostic(task.path, time_limit)
    else:
        problem = documents.crash_diagnostic(task.path, outcome.reason)
    if isinstance(task, sources.PhotoFile):
        return documents.PhotoResult(task, (problem,))
    return documents.Reading(task, None, None, (problem,))


def build_site(site: Path, out: Path, options: Options, keep_going: bool = False, strict: bool = False) -> BuildResult:
    """Check, then build; nothing is published while there are errors (or, with `strict`, warnings),
    unless `keep_going` publishes what is valid. An output folder that a build must not replace
    raises OutputProblem before anything is read."""
    from . import federation, matching, render

    check_output_folder(out, site)
    clock = _Stopwatch()
    checked = check_site(site, options)
    clock.lap("check")
    imported = federation.NOTHING
    if checked.directory is not None:
        assembled = checked.directory
        local = audience.select(assembled, options.audience).profiles
        imported, found = federation.import_networks(
            site, assembled.config, assembled.organisations, local, assembled.build_date, options.networks
        )
        checked = dataclasses.replace(checked, diagnostics=sorted_diagnostics([*checked.diagnostics, *found]))
        clock.lap("import")
    blocking = checked.diagnostics if strict else [d for d in checked.diagnostics if d.is_error]
    if checked.directory is None or (blocking and not keep_going):
        return BuildResult(checked, None)
    assembled = checked.directory
    selection = _with_imported(audience.select(assembled, options.audience), imported)
    # Matching sees ours and theirs alike: an imported person may be suggested for our assignment.
    together = dataclasses.replace(
        selection,
        profiles=selection.profiles + selection.imported_profiles,
        open_assignments=selection.open_assignments + selection.imported_assignments,
    )
    matches = matching.match(together, assembled.config.matching, assembled.build_date, assembled.config.language)
    clock.lap("match")
    plan = _plan(site, options, assembled, selection, matches)
    clock.lap("plan")
    staging = Staging(out)
    try:
        renderer = render.Renderer(plan.site, plan.theme_folders, options.compiled_templates)
        context = _RenderContext(
            renderer, plan.pages, plan.photos, plan.files, staging, selection, assembled, str(site)
        )
        counts, size = _render_stage(context, options)
        clock.lap("render")
        staging.commit()
        clock.lap("swap")
    except BaseException:
        staging.discard()
        raise
    summary = BuildSummary(dict(sorted(counts.items())), sum(counts.values()), size, clock.total(), clock.stages)
    return BuildResult(checked, summary)


def _with_imported(selection: audience.Selection, imported: Imported) -> audience.Selection:
    """The audience's records with the other networks' beside them; ours name the networks that
    publish the same person (federation.py decides who that is)."""
    if not (imported.profiles or imported.assignments or imported.also_in):
        return selection
    profiles = tuple(
        dataclasses.replace(p, also_in=imported.also_in[p.slug]) if p.slug in imported.also_in else p
        for p in selection.profiles
    )
    return dataclasses.replace(
        selection,
        profiles=profiles,
        imported_profiles=imported.profiles,
        imported_assignments=imported.assignments,
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the render stage makes: the site's context, its pages, its photos and the files made
    whole before rendering (assets, sitemap, feeds, vCards, exports)."""

    site: render.SiteContext
    theme_folders: tuple[Path, ...]
    pages: list[render.PageJob]
    photos: list[PhotoJob]
    files: list[OutputFile]


def _plan(
    site: Path,
    options: Options,
    assembled: directory.Directory,
    selection: audience.Selection,
    matches: matching.Matches,
) -> _Plan:
    from . import exports, feeds, render, sitemap, theme, vcards

    urls = Urls(assembled.config.base_url, assembled.config.language)
    theme_dirs = theme.theme_folders(site, assembled.config.theme)
    asset_names, asset_files = render.hashed_assets(theme.read_static(theme_dirs))
    photo_jobs = _photo_jobs(site, selection, urls)
    vocabulary, _ = config.load_vocabulary(site)  # checked above; the profile form offers its terms
    site_context = render.SiteContext(
        config=assembled.config,
        audience=options.audience,
        build_date=assembled.build_date,
        selection=selection,
        taxonomies=build_taxonomies(selection, assembled.organisations),
        organisations=assembled.organisations,
        assets=asset_names,
        photos={job.slug: job.path for job in photo_jobs},
        matches=matches,
        vocabulary=vocabulary,
    )
    jobs = list(render.plan(site_context))
    files = [
        *asset_files,
        *sitemap.machine_files(site_context, [*jobs, render.search_job(urls, {})]),
        *feeds.feed_files(site_context),
        *vcards.vcard_files(site_context),
        *exports.export_files(site_context),
    ]
    return _Plan(site_context, theme_dirs, jobs, photo_jobs, files)


class _Stopwatch:
    """Seconds per stage of a build, each from the end of the one before."""

    def __init__(self) -> None:
        self.started = self._last = time.perf_counter()
        self.stages: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self._last
        self._last = now

    def total(self) -> float:
        return time.perf_counter() - self.started


def _render_stage(context: _RenderContext, options: Options) -> tuple[Counter[str], int]:
    """Every page, photo and file of the plan, written into staging by the workers (or here, where
    workers cannot fork), then the search page, which names the search files they wrote. Returns
    the files written per kind and their bytes; a failure raises its `_failure`."""
    from . import render

    context.renderer.precompile()  # once here, not in every worker
    pages, photos, files = len(context.pages), len(context.photos), len(context.files)
    profiles = len(context.selection.profiles)
    # The search index is the largest single task: it goes first, beside the pages.
    chunks = [("search", 0, 0)]
    chunks += [("pages", i, min(i + RENDER_CHUNK, pages)) for i in range(0, pages, RENDER_CHUNK)]
    chunks += [("photos", i, min(i + 50, photos)) for i in range(0, photos, 50)]
    # Files made whole in the parent (assets, sitemap, feeds, a vCard per profile) are many:
    # the workers write them too, in chunks.
    chunks += [("files", i, min(i + FILE_CHUNK, files)) for i in range(0, files, FILE_CHUNK)]
    chunks += [("form-data", i, min(i + FORM_DATA_CHUNK, profiles)) for i in range(0, profiles, FORM_DATA_CHUNK)]
    if workers_share_memory():
        outcomes = run_timed(
            _render_chunk,
            chunks,
            context,
            time_limit=3600,
            jobs=options.jobs,
            progress=_stage_progress(options, "writing"),
        )
    else:  # spawned workers would need the whole site pickled: render here, trusted templates need no limit
        outcomes = [_render_chunk(chunk, context) for chunk in chunks]
    counts: Counter[str] = Counter()
    size = 0
    search_paths: dict[str, str] = {}
    for outcome in outcomes:
        if isinstance(outcome, TimedOut):
            raise ThemeProblem("it took longer than an hour")
        if isinstance(outcome, Crashed):
            raise _failure(outcome)
        chunk_counts, chunk_bytes, paths = outcome
        counts.update(chunk_counts)
        size += chunk_bytes
        search_paths.update(paths)
    urls = context.renderer.urls
    search_job = render.search_job(urls, {k: urls.href(p) for k, p in search_paths.items()})
    search_page = _attempt(lambda: context.renderer.render(search_job))
    if isinstance(search_page, Crashed):
        raise _failure(search_page)
    size += context.staging.write(search_page)
    counts[search_page.kind] += 1
    return counts, size


def _search_files(
    selection: audience.Selection, assembled: directory.Directory, urls: Urls, cache_folder: Path | None = None
) -> tuple[dict[str, str], list[OutputFile]]:
    """The search index and documents store, under content-hashed names. With `cache_folder`,
    each document's terms are kept there for the next build (search_cache.py)."""
    from . import i18n, search

    language = assembled.config.language
    links = {"profile": urls.profile, "assignment": urls.assignment}
    documents = search.site_documents(
        selection.profiles,
        selection.open_assignments,
        assembled.organisations,
        href=lambda kind, slug: urls.href(links[kind](slug)),
        label=lambda key: i18n.text(language, key),
        long_date=lambda day: i18n.long_date(day, language),
        imported_profiles=selection.imported_profiles,
        imported_assignments=selection.imported_assignments,
        network=assembled.config.title if assembled.config.networks else "",
        networks=[network.name for network in assembled.config.networks],
    )
    paths: dict[str, str] = {}
    outputs = []
    for name, content in search.search_files(documents, language, cache_folder).items():
        if name == "index":  # the manifest, which the search page names; it names the rest
            path = f"{urls.section('search')}/{name}.{content_hash(content)}.json"
            paths[name] = path
        else:
            path = f"{urls.section('search')}/{name}"
        outputs.append(OutputFile(path, content, "search"))
    return paths, outputs


@dataclass(frozen=True, slots=True)
class PhotoJob:
    slug: str
    path: str  # site path of the published photo
    location: str  # the original beside the profile


def _photo_jobs(site: Path, selection: audience.Selection, urls: Urls) -> list[PhotoJob]:
    from . import images

    jobs = []
    for profile in selection.profiles:
        if profile.photo:
            location = str(site / profile.photo)
            digest = images.photo_hash(sources.read_photo(location))
            jobs.append(PhotoJob(profile.slug, f"{urls.profile(profile.slug)}foto-{digest}.jpg", location))
    return jobs


@dataclass(frozen=True, slots=True)
class _RenderContext:
    renderer: render.Renderer
    pages: list[render.PageJob]
    photos: list[PhotoJob]
    files: list[OutputFile]  # made whole before rendering; only written here
    staging: Staging
    selection: audience.Selection
    directory: directory.Directory
    site: str  # the site folder: the profile form's files repeat what each profile's file says


def _render_chunk(
    task: tuple[str, int, int], context: _RenderContext
) -> tuple[Counter[str], int, dict[str, str]] | Crashed:
    """Render and write one slice of the plan, in a worker process that forked with the plan or
    in the parent. What fails (a template, a full disk, a bug) comes back as a `Crashed` value,
    the same on either path, for the parent to report (`_failure`)."""
    return _attempt(lambda: _render_slice(task, context))


def _attempt(work: Callable[[], Done]) -> Done | Crashed:
    """The one place where the render stage catches: an exception becomes its `Crashed`."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, by kind, in _failure
        return Crashed.of(exc)


def _failure(crashed: Crashed) -> Exception:
    """What the user is told about a failed render task: a template's error is the theme's, with
    its file and line; an OSError is the output's, with the path and the cause in words; anything
    else is a bug of sitegen's, with its traceback."""

    doing = "".join(f" ({note})" for note in crashed.notes)
    if crashed.kind == "template":
        where = f"{crashed.template}:{crashed.line}: " if crashed.template and crashed.line else ""
        return ThemeProblem(f"{where}{crashed.reason}{doing}")
    if crashed.kind == "os":
        return WriteProblem(system_problem(crashed.errno, crashed.message, crashed.filename))
    return InternalProblem(f"{crashed.reason}{doing}", crashed.traceback)


def _render_slice(task: tuple[str, int, int], context: _RenderContext) -> tuple[Counter[str], int, dict[str, str]]:
    from . import images, profile_form

    kind, start, end = task
    counts: Counter[str] = Counter()
    size = 0
    if kind == "search":
        urls = context.renderer.urls
        paths, outputs = _search_files(context.selection, context.directory, urls)
        for file in outputs:
            size += context.staging.write(file)
            counts[file.kind] += 1
        return counts, size, paths
    if kind == "form-data":
        urls = context.renderer.urls
        for file in profile_form.profile_files(context.site, context.selection.profiles[start:end], urls):
            size += context.staging.write(file)
            counts[file.kind] += 1
        return counts, size, {}
    if kind == "pages":
        for job in context.pages[start:end]:  # a template's error ends the task; the parent reports it
            size += context.staging.write(context.renderer.render(job))
            counts[job.kind] += 1
    elif kind == "files":
        for file in context.files[start:end]:
            size += context.staging.write(file)
            counts[file.kind] += 1
    else:
        for photo in context.photos[start:end]:
            published = images.publish(sources.read_photo(photo.location))
            size += context.staging.write(OutputFile(photo.path, published, "photo"))
            counts["photo"] += 1
    return counts, size, {}


def schema_files(site: Path | None) -> tuple[list[OutputFile], list[Diagnostic]]:
    """The JSON Schemas of a site's files and of the exports. With a site, the content schemas know
    its organisation ids and vocabulary; nothing else of it is read, so no content reaches them."""
    from . import exports, schemas

    lists = None
    found: list[Diagnostic] = []
    if site is not None:
        organisations, found = config.load_organisations(site)
        vocabulary, more = config.load_vocabulary(site)
        found = sorted_diagnostics(found + more)
        if has_errors(found):
            return [], found
        lists = schemas.site_lists(organisations, vocabulary)
    return [*schemas.content_files(lists), *exports.schema_files(prefix="api-v1-")], found
