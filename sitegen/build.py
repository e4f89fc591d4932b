"""The pipeline: the one module that composes the stages, in order.

    load_config -> list_content -> read documents (worker pool) -> assemble -> render -> write
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import config, directory, documents, render, sources, write
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .schema import TermIndex
from .workers import Crashed, TimedOut, default_jobs, run_timed

__all__ = ["DEFAULT_TIME_LIMIT", "BuildResult", "CheckResult", "Options", "build_site", "check_site", "default_jobs"]

DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True, slots=True)
class Options:
    build_date: dt.date
    jobs: int = default_jobs()
    time_limit: float = DEFAULT_TIME_LIMIT


@dataclass(frozen=True, slots=True)
class CheckResult:
    directory: directory.Directory | None
    diagnostics: list[Diagnostic]
    files_checked: int

    @property
    def broken_files(self) -> list[str]:
        return sorted({d.path for d in self.diagnostics if d.is_error})


@dataclass(frozen=True, slots=True)
class BuildResult:
    check: CheckResult
    published: write.WriteSummary | None


def check_site(site: Path, options: Options) -> CheckResult:
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
    )
    tasks: list[sources.SourceFile | sources.PhotoFile] = [*listing.documents, *listing.photos]
    outcomes = run_timed(documents.process, tasks, context, options.time_limit, options.jobs)
    results = [_as_result(task, outcome, options.time_limit) for task, outcome in zip(tasks, outcomes, strict=True)]
    document_results = [r for r in results if isinstance(r, documents.DocumentResult)]
    photo_results = [r for r in results if isinstance(r, documents.PhotoResult)]

    files_checked = len(tasks) + sum(1 for f in (config.CONFIG_FILE, config.ORGANISATIONS_FILE,
                                                 config.VOCABULARY_FILE) if (site / f).is_file())
    if site_config is None:
        diagnostics += [d for r in results for d in r.diagnostics]
        return CheckResult(None, sorted_diagnostics(diagnostics), files_checked)
    assembled, found = directory.assemble(site_config, organisations, document_results, photo_results,
                                          options.build_date)
    diagnostics += found
    return CheckResult(assembled, sorted_diagnostics(diagnostics), files_checked)


def _as_result(task: sources.SourceFile | sources.PhotoFile,
               outcome: documents.DocumentResult | documents.PhotoResult | TimedOut | Crashed,
               time_limit: float) -> documents.DocumentResult | documents.PhotoResult:
    if isinstance(outcome, (documents.DocumentResult, documents.PhotoResult)):
        return outcome
    if isinstance(outcome, TimedOut):
        problem = documents.timeout_diagnostic(task.path, time_limit)
    else:
        problem = documents.crash_diagnostic(task.path, outcome.reason)
    if isinstance(task, sources.PhotoFile):
        return documents.PhotoResult(task, (problem,))
    return documents.DocumentResult(task, None, (problem,))


def build_site(site: Path, out: Path, options: Options, keep_going: bool = False) -> BuildResult:
    checked = check_site(site, options)
    if checked.directory is None or (has_errors(checked.diagnostics) and not keep_going):
        return BuildResult(checked, None)
    theme_dirs = render.theme_folders(site, checked.directory.config.theme)
    files = render.render_site(checked.directory, theme_dirs)
    return BuildResult(checked, write.write_site(out, files))
