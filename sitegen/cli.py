"""The command line: arguments in, diagnostics and exit codes out. No logic of its own.

Exit status: 0 fine, 1 the content has errors (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__, build, diagnostics
from .audience import AUDIENCES
from .config import normalize_base_url
from .dates import DateProblem, build_date
from .render import ThemeProblem
from .write import OutputProblem


def _seconds(text: str) -> float:
    """A time limit: a positive number of seconds (0 would stop every file at once)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive number of seconds")
    if seconds > MAX_TIME_LIMIT:  # beyond what poll() takes, and no file needs it
        raise argparse.ArgumentTypeError(f"'{text}' is more than the maximum of {MAX_TIME_LIMIT} seconds")
    return seconds


MAX_TIME_LIMIT = 3600


def _system_problem(exc: OSError) -> str:
    """What went wrong outside the content, in words, with what to do."""
    where = f" ('{exc.filename}')" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full{where}; free some space, then build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"no permission to write{where}; choose an output folder you may write to with --out"
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return "too many open files; use fewer --jobs, or raise the limit (ulimit -n)"
    return f"{exc.strerror or exc}{where}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="A static site for a directory of professionals "
                                                                  "and the assignments they can take on.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("site", nargs="?", default=".", metavar="SITE_DIR", help="the site folder (default: .)")
        sub.add_argument("--date", metavar="YYYY-MM-DD",
                         help="the build date (default: SOURCE_DATE_EPOCH, else today)")
        sub.add_argument("--format", choices=("text", "github", "json"), default="text",
                         help="how to print diagnostics (github: workflow annotations and a step summary)")
        sub.add_argument("--strict", action="store_true", help="warnings fail too")
        sub.add_argument("--jobs", type=int, default=build.default_jobs(), metavar="N",
                         help="worker processes (default: one per core)")
        sub.add_argument("--time-limit", type=_seconds, default=build.DEFAULT_TIME_LIMIT, metavar="SECONDS",
                         help="the longest one file may take to read (default: %(default)g)")

    check = commands.add_parser("check", help="check every content file and report every problem")
    common(check)
    site_build = commands.add_parser("build", help="check, then build the site")
    common(site_build)
    site_build.add_argument("--out", metavar="DIR", help="the output folder (default: SITE_DIR/output)")
    site_build.add_argument("--keep-going", action="store_true",
                            help="publish the valid files even when others have errors")
    site_build.add_argument("--audience", choices=AUDIENCES, default="public",
                            help="public (default) leaves out everything internal; internal shows it, with noindex")
    site_build.add_argument("--base-url", metavar="URL",
                            help="the site's address, instead of base_url in sitegen.yaml (for previews)")
    return parser


def _parse(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> argparse.Namespace | int:
    """The arguments, or the exit status when argparse has already answered (usage error, --help)."""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return _parser().parse_args(argv)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)


class Terminated(BaseException):
    """SIGTERM (a cancelled CI job): unwinds like Ctrl-C, so workers stop and staging is discarded."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    err = stderr or sys.stderr
    try:
        with _sigterm_unwinds():
            return _main(argv, stdout or sys.stdout, err)
    except (KeyboardInterrupt, Terminated) as stop:
        interrupted = isinstance(stop, KeyboardInterrupt)
        err.write(f"\nsitegen: stopped by {'Ctrl-C (SIGINT)' if interrupted else 'SIGTERM'}; nothing was published "
                  "and no output folder was changed\n")
        return 128 + (signal.SIGINT if interrupted else signal.SIGTERM)


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    args = _parse(argv, out, err)
    if isinstance(args, int):
        return args
    site = Path(args.site)
    if not site.is_dir():
        err.write(f"sitegen: error: the site folder '{args.site}' does not exist\n")
        return 2
    try:
        options = build.Options(build_date(args.date, os.environ), max(1, args.jobs), args.time_limit)
    except DateProblem as problem:
        err.write(f"sitegen: error: {problem}\n")
        return 2
    if args.command == "build":
        base_url = normalize_base_url(args.base_url) if args.base_url else None
        if args.base_url and base_url is None:
            err.write(f"sitegen: error: --base-url: '{args.base_url}' is not an https URL (or http://localhost)\n")
            return 2
        options = dataclasses.replace(options, audience=args.audience, base_url=base_url)
    if err.isatty():
        options = dataclasses.replace(options, progress=_progress_bar(err))
    started = time.perf_counter()
    if args.command == "check":
        try:
            checked = build.check_site(site, options, keep_html=False)
        except OSError as exc:
            err.write(f"sitegen: error: {_system_problem(exc)}\n")
            return 1
        _report(checked, args.format, out, err)
        return _exit_status(checked.diagnostics, args.strict)

    target = Path(args.out) if args.out else site / "output"
    try:
        result = build.build_site(site, target, options, keep_going=args.keep_going, strict=args.strict)
    except OutputProblem as problem:
        err.write(f"sitegen: error: {problem}\n")
        return 2
    except ThemeProblem as problem:
        err.write(f"sitegen: error in the theme: {problem}\nsitegen: not published; {target} is unchanged\n")
        return 1
    except OSError as exc:
        err.write(f"sitegen: error: {_system_problem(exc)}\nsitegen: not published; {target} is unchanged\n")
        return 1
    _report(result.check, args.format, out, err)
    failed = _exit_status(result.check.diagnostics, args.strict)
    if result.published is None:
        problems = "errors" if diagnostics.has_errors(result.check.diagnostics) else "warnings (--strict)"
        err.write(f"sitegen: not published: fix the {problems} above; {target} is unchanged\n")
        return 1
    summary = result.published
    pages = ", ".join(f"{count} {kind}" for kind, count in summary.pages.items())
    stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in summary.stages.items())
    err.write(f"sitegen: built the {options.audience} site in {target}: {summary.files} files "
              f"({summary.bytes / 1024 / 1024:.1f} MiB) in {time.perf_counter() - started:.2f} s ({pages})\n"
              f"sitegen: time per stage: {stages}\n")
    broken = result.check.broken_files
    if broken:
        err.write(f"sitegen: published without {len(broken)} broken "
                  f"{'file' if len(broken) == 1 else 'files'}: {diagnostics.printable(', '.join(broken))}\n")
    return failed


def _progress_bar(err: TextIO) -> build.Progress:
    """A one-line bar on an interactive terminal; redrawn at most a hundred times a stage."""
    last: dict[str, int] = {}

    def show(stage: str, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if last.get(stage) == percent:
            return
        last[stage] = percent
        filled = percent * 30 // 100
        end = "\n" if done == total else ""
        err.write(f"\rsitegen: {stage:<8} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{end}")
        err.flush()

    return show


def _report(checked: build.CheckResult, output_format: str, out: TextIO, err: TextIO) -> None:
    found = checked.diagnostics
    if output_format == "json":
        out.write(diagnostics.format_json(found))
    elif output_format == "github":
        out.write(diagnostics.format_github(found))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(diagnostics.format_github_summary(found, checked.files_checked))
            except OSError as exc:  # the annotations are out already: the summary is a copy
                err.write(f"sitegen: warning: GITHUB_STEP_SUMMARY: cannot append to '{summary_file}': "
                          f"{exc.strerror or exc}\n")
    else:
        out.write(diagnostics.format_text(found))
    err.write(f"sitegen: {diagnostics.summary_line(found, checked.files_checked)}\n")


def _exit_status(found: Sequence[diagnostics.Diagnostic], strict: bool) -> int:
    if diagnostics.has_errors(found) or (strict and found):
        return 1
    return 0
