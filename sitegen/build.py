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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

# `check` imports only what it runs: the build's own stages (Jinja2, the search's stemmers, NumPy
# for matching, Pillow) are imported where they run, saving a fifth of a second of start-up, a
# large part of a pull-request check that finds every file in the cache.
from . import audience, cache, carry, config, directory, documents, fetch, models, sources
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .failures import InternalProblem, ThemeProblem, WriteProblem, system_problem
from .hashes import content_hash
from .messages import Message
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
    # The output folder to carry unchanged files over from (carry.py), when it is not `out` itself:
    # the preview builds each time into a new folder.
    carry_from: Path | None = None
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
    # Seconds per stage: check, import, match, plan, render (with search and writing), swap, and
    # with a cache the manifest of the output (carry.py).
    stages: dict[str, float]
    carried: int = 0  # files carried over unchanged from the previous output (carry.py)
    warnings: tuple[Message, ...] = ()  # about the previous output's manifest


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
    previous = carry.NOTHING if options.cache is None else carry.load(options.cache, options.carry_from or out)
    staging = Staging(out)
    try:
        renderer = render.Renderer(plan.site, plan.theme_folders, options.compiled_templates)
        if options.cache is not None:
            renderer.prepare_keys()  # once here, not in every worker
        context = _RenderContext(
            renderer,
            plan.pages,
            plan.photos,
            plan.files,
            staging,
            selection,
            assembled,
            str(site),
            previous,
            options.cache,
        )
        made = _render_stage(context, options)
        clock.lap("render")
        if options.cache is not None:
            carry.forget(options.cache, out)  # the manifest of the output about to go
        staging.commit(files=sum(made.counts.values()))
        clock.lap("swap")
    except BaseException:
        staging.discard()
        raise
    warnings = [] if previous.problem is None else [previous.problem]
    if options.cache is not None:
        problem = carry.save(options.cache, out, made.written, made.groups, previous)
        warnings += [] if problem is None else [problem]
        clock.lap("manifest")
    carried = made.carried
    summary = BuildSummary(
        dict(sorted(made.counts.items())),
        sum(made.counts.values()),
        made.size,
        clock.total(),
        clock.stages,
        carried,
        tuple(warnings),
    )
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
    from . import feeds, render, sitemap, theme

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
    ]  # the vCards and the exports are made by the workers (`_render_slice`)
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


@dataclass(slots=True)
class _Made:
    """What render tasks made, added up: files per kind, their bytes, how many were carried over,
    the manifest's entries (carry.py) and the search manifest's path. An accumulator, local to the
    render stage: each task fills one, the parent adds them up."""

    counts: Counter[str] = dataclasses.field(default_factory=Counter)
    size: int = 0
    carried: int = 0
    written: list[carry.Written] = dataclasses.field(default_factory=list)
    groups: dict[str, carry.Group] = dataclasses.field(default_factory=dict)
    search_paths: dict[str, str] = dataclasses.field(default_factory=dict)

    def add(self, other: _Made) -> None:
        self.counts.update(other.counts)
        self.size += other.size
        self.carried += other.carried
        self.written += other.written
        self.groups.update(other.groups)
        self.search_paths.update(other.search_paths)


def _render_stage(context: _RenderContext, options: Options) -> _Made:
    """Every page, photo and file of the plan, written into staging by the workers (or here, where
    workers cannot fork), then the search page, which names the search files they wrote. Returns
    what they made; a failure raises its `_failure`."""
    from . import render

    context.renderer.precompile()  # once here, not in every worker
    pages, photos, files = len(context.pages), len(context.photos), len(context.files)
    profiles = len(context.selection.profiles)
    # The search index is the largest single task: it goes first, beside the pages.
    chunks = [("search", 0, 0), ("exports", 0, 0)]
    chunks += [("pages", i, min(i + RENDER_CHUNK, pages)) for i in range(0, pages, RENDER_CHUNK)]
    chunks += [("photos", i, min(i + 50, photos)) for i in range(0, photos, 50)]
    # Files made whole in the parent (assets, sitemap, feeds, a vCard per profile) are many:
    # the workers write them too, in chunks.
    chunks += [("files", i, min(i + FILE_CHUNK, files)) for i in range(0, files, FILE_CHUNK)]
    chunks += [("form-data", i, min(i + FORM_DATA_CHUNK, profiles)) for i in range(0, profiles, FORM_DATA_CHUNK)]
    chunks += [("vcards", i, min(i + FILE_CHUNK, profiles)) for i in range(0, profiles, FILE_CHUNK)]
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
    made = _Made()
    for outcome in outcomes:
        if isinstance(outcome, TimedOut):
            raise ThemeProblem("it took longer than an hour")
        if isinstance(outcome, Crashed):
            raise _failure(outcome)
        made.add(outcome)
    urls = context.renderer.urls
    search_job = render.search_job(urls, {k: urls.href(p) for k, p in made.search_paths.items()})
    search_page = _attempt(lambda: _page(context, made, search_job))
    if isinstance(search_page, Crashed):
        raise _failure(search_page)
    return made


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
    previous: carry.Previous = carry.NOTHING  # what the last build wrote, to carry over
    cache: Path | None = None  # the cache folder, where the search keeps each document's terms

    @property
    def keyed(self) -> bool:
        """Whether files get keys for the next build: only with a cache, which keeps the manifest."""
        return self.renderer.salt is not None


def _render_chunk(task: tuple[str, int, int], context: _RenderContext) -> _Made | Crashed:
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


def _render_slice(task: tuple[str, int, int], context: _RenderContext) -> _Made:
    from . import exports, images, profile_form, vcards

    kind, start, end = task
    made = _Made()
    urls = context.renderer.urls
    if kind == "search":
        _search(context, made)
    elif kind == "exports":
        for file in exports.export_files(context.renderer.site):
            _file(context, made, file)
    elif kind == "vcards":
        for profile in context.selection.profiles[start:end]:
            card = vcards.vcard(profile, context.renderer.site, urls)
            _file(context, made, OutputFile(urls.vcard(profile.slug), card, "vcard"))
    elif kind == "form-data":
        for profile in context.selection.profiles[start:end]:
            text = sources.read_text(f"{context.site}/{profile.source}")
            path = urls.profile_form_data(profile.slug)
            # Its source's text decides it: a key without reading the YAML again.
            digest = carry.content_digest(text.encode("utf-8", "surrogatepass")) if context.keyed else b""
            key = (
                carry.key_of(context.renderer.salt, "form-data", path, profile.slug, digest) if context.keyed else None
            )
            if not _carried(context, made, path, key, "form-data"):
                _wrote(context, made, profile_form.profile_file(profile, text, urls), key)
    elif kind == "pages":
        for job in context.pages[start:end]:  # a template's error ends the task; the parent reports it
            _page(context, made, job)
    elif kind == "files":
        for file in context.files[start:end]:
            _file(context, made, file)
    else:
        for photo in context.photos[start:end]:
            # The path names the original's hash; the code's salt covers how it is published.
            key = carry.key_of(context.renderer.salt, "photo", photo.path) if context.keyed else None
            if not _carried(context, made, photo.path, key, "photo"):
                published = images.publish(sources.read_photo(photo.location))
                _wrote(context, made, OutputFile(photo.path, published, "photo"), key)
    return made


def _page(context: _RenderContext, made: _Made, job: render.PageJob) -> None:
    renderer = context.renderer
    if not context.keyed:
        _wrote(context, made, renderer.render(job), None)
        return
    key = renderer.page_key(job)
    if not _carried(context, made, renderer.urls.output_file(job.path), key, job.kind):
        page, calls = renderer.render_traced(job)
        _wrote(context, made, page, None if calls is None else key, calls)


def _file(context: _RenderContext, made: _Made, file: OutputFile) -> None:
    """A file made whole before: carried over when its bytes are those of the previous output's."""
    key = carry.key_of(context.renderer.salt, "file", carry.content_digest(file.content)) if context.keyed else None
    if not _carried(context, made, file.path, key, file.kind):
        _wrote(context, made, file, key)


def _carried(context: _RenderContext, made: _Made, path: str, key: bytes | None, kind: str) -> bool:
    """Carry `path` over from the previous output if it was made from what it would be made of now."""
    entry = context.previous.usable(path, key)
    if entry is None or not context.previous.unchanged(entry, context.renderer.tracer):
        return False
    if not context.staging.carry(context.previous.folder / path, path):  # a copy: a file of its own
        stat = context.staging.stat(path)
        entry = dataclasses.replace(entry, inode=stat.st_ino, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    made.written.append(entry)
    made.counts[kind] += 1
    made.size += entry.size
    made.carried += 1
    return True


def _wrote(
    context: _RenderContext,
    made: _Made,
    file: OutputFile,
    key: bytes | None,
    calls: Mapping[carry.Call, bytes] | None = None,
) -> None:
    made.size += context.staging.write(file)
    made.counts[file.kind] += 1
    if context.keyed:
        made.written.append(carry.Written.of(file.path, key, context.staging.stat(file.path), calls))


def _search(context: _RenderContext, made: _Made) -> None:
    """The search files, carried over together while every record they index is unchanged; made
    again otherwise, each file then carried over if its bytes are the previous one's."""
    selection, assembled = context.selection, context.directory
    key = None
    if context.keyed:
        inputs = (
            selection.profiles,
            selection.open_assignments,
            selection.imported_profiles,
            selection.imported_assignments,
            assembled.organisations,
            assembled.config,
        )
        digest = context.renderer.digests.of(inputs)
        key = None if digest is None else carry.key_of(context.renderer.salt, "search", digest)
    group = context.previous.groups.get("search")
    previous = context.previous
    if key is not None and group is not None and group.key == key:
        entries = [previous.files.get(path) for path in group.paths]
        if all(e is not None and previous.usable(e.path, e.key) for e in entries):
            for entry in entries:
                assert entry is not None
                _carried(context, made, entry.path, entry.key, "search")
            made.groups["search"] = group
            made.search_paths.update(group.names)
            return
    paths, outputs = _search_files(selection, assembled, context.renderer.urls, context.cache)
    for file in outputs:  # most of the documents store is the same: its files are carried over
        _file(context, made, file)
    made.search_paths.update(paths)
    if key is not None:
        made.groups["search"] = carry.Group(key, paths, tuple(file.path for file in outputs))


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
