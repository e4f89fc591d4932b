"""The command line: arguments in, diagnostics and exit codes out. No logic of its own.

Exit status: 0 fine, 1 the content has errors (or warnings with --strict), or the theme, the output
or sitegen itself failed (docs/architecture.md, "Failures of the render stage"), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

# Not serve or scaffold: they import Jinja2, which `check` does not need (see build.py).
from . import __version__, build, cache, codeowners, diagnostics, ownership
from .audience import AUDIENCES
from .config import declared_language, normalize_base_url
from .dates import DateProblem, build_date
from .failures import InternalProblem, ThemeProblem, WriteProblem, os_problem
from .messages import msg
from .write import OutputProblem, write_files


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


def _port(text: str) -> int:
    """A TCP port; 0 lets the system pick a free one."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0 to 65535; 0: any free port)")
    return int(text)


MAX_TIME_LIMIT = 3600
LOCAL, DEFAULT_PORT = "127.0.0.1", 8000  # serve.py's, which tests/test_cli.py compares
DEFAULT_BASE_URL = "https://example.org/"  # scaffold.py's, the same


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="A static site for a directory of professionals and the assignments they can take on.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser, reporting: bool = True) -> None:
        sub.add_argument("site", nargs="?", default=".", metavar="SITE_DIR", help="the site folder (default: .)")
        sub.add_argument("--date", metavar="YYYY-MM-DD", help="the build date (default: SOURCE_DATE_EPOCH, else today)")
        if reporting:
            sub.add_argument(
                "--format",
                choices=("text", "github", "json"),
                default="text",
                help="how to print diagnostics (github: workflow annotations and a step summary)",
            )
            sub.add_argument("--strict", action="store_true", help="warnings fail too")
        sub.add_argument(
            "--jobs",
            type=int,
            default=build.default_jobs(),
            metavar="N",
            help="worker processes (default: one per core)",
        )
        sub.add_argument(
            "--time-limit",
            type=_seconds,
            default=build.DEFAULT_TIME_LIMIT,
            metavar="SECONDS",
            help="the longest one file may take to read (default: %(default)g)",
        )

    check = commands.add_parser("check", help="check every content file and report every problem")
    common(check)
    check.add_argument(
        "--changed-by",
        metavar="USER",
        help="the author of a change: also fail on files they may not change (docs/ownership.md)",
    )
    check.add_argument(
        "--changed-files",
        nargs="+",
        metavar="FILE",
        help="the change's files, relative to the repository root (default: what differs from --base)",
    )
    check.add_argument("--base", metavar="REV", help="the revision before the change (default: HEAD; required in CI)")
    _cache_options(check)
    site_build = commands.add_parser("build", help="check, then build the site")
    common(site_build)
    _cache_options(site_build)
    site_build.add_argument("--out", metavar="DIR", help="the output folder (default: SITE_DIR/output)")
    site_build.add_argument(
        "--keep-going", action="store_true", help="publish the valid files even when others have errors"
    )
    site_build.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="public",
        help="public (default) leaves out everything internal; internal shows it, with noindex",
    )
    site_build.add_argument(
        "--base-url", metavar="URL", help="the site's address, instead of base_url in sitegen.yaml (for previews)"
    )
    site_build.add_argument(
        "--offline",
        action="store_true",
        help="import the networks of sitegen.yaml from the cache alone, without downloading (docs/federation.md)",
    )
    owners = commands.add_parser("owners", help="write CODEOWNERS from the profiles' maintainers and the coordinators")
    common(owners)
    owners.add_argument(
        "--out",
        metavar="FILE",
        help="the file, relative to SITE_DIR (default: .github/CODEOWNERS, .gitlab/CODEOWNERS for a GitLab repository)",
    )
    owners.add_argument("--check", action="store_true", help="write nothing; fail when the file is out of date")
    _scaffold_commands(commands)
    schemas = commands.add_parser("schema", help="write the JSON Schemas of the site's files and of the exports")
    schemas.add_argument(
        "site",
        nargs="?",
        metavar="SITE_DIR",
        help="a site folder: its organisation ids and vocabulary make the schemas stricter "
        "(default: the general schemas)",
    )
    schemas.add_argument("--out", required=True, metavar="DIR", help="the folder to write them into")
    preview = commands.add_parser("serve", help="preview the site on this machine, rebuilt on every change")
    common(preview, reporting=False)
    preview.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help="the port (default: %(default)s; 0: any free port)",
    )
    preview.add_argument(
        "--host",
        default=LOCAL,
        metavar="H",
        help="the address to listen on (default: %(default)s, this machine only)",
    )
    preview.add_argument(
        "--audience", choices=AUDIENCES, default="public", help="the public (default) or the internal site"
    )
    return parser


def _cache_options(sub: argparse.ArgumentParser) -> None:
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument(
        "--cache",
        metavar="DIR",
        help="keep each file's check in DIR, outside the site folder (or one that git tracks nothing in), and "
        "reuse it while the file is unchanged (default: $XDG_CACHE_HOME/sitegen/..., else ~/.cache/sitegen/...)",
    )
    choice.add_argument("--no-cache", action="store_true", help="read every file again; use and change no cache")


def _cache_folder(site: Path, args: argparse.Namespace) -> Path | None:
    """The check's cache folder; raises CacheProblem for one inside the site folder that git
    tracks something in, or that is in no git checkout."""
    if args.no_cache:
        return None
    folder = Path(args.cache) if args.cache else cache.default_folder(site)
    cache.check_folder(folder, site)
    return folder


def _scaffold_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser("init", help="create a new site folder with examples, free pages and CI files")
    init.add_argument("directory", metavar="DIR", help="the new site folder (created when it does not exist)")
    init.add_argument("--title", help="the site's title (default: a title in the site's language)")
    init.add_argument("--language", choices=("nl", "en"), default="nl", help="the site's language (default: nl)")
    init.add_argument("--base-url", metavar="URL", help=f"the site's address (default: {DEFAULT_BASE_URL})")
    init.add_argument("--repository", metavar="URL", help="the web address of the site's repository, for edit links")
    init.add_argument(
        "--requirement",
        metavar="SPEC",
        help="the pip requirement CI installs sitegen with (default: this sitegen's git URL)",
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="add the missing files to a folder that is not empty; existing files are never replaced",
    )
    new = commands.add_parser("new", help="create a profile or assignment file from its template")
    new.add_argument("kind", choices=("profile", "assignment"), help="what to create")
    new.add_argument("name", metavar="NAME", help='the full name ("José Álvarez") or the assignment\'s title')
    new.add_argument("--site", default=".", metavar="SITE_DIR", help="the site folder (default: .)")
    new.add_argument(
        "--maintainer", metavar="USER", help="a profile's author: the GitHub or GitLab user name written to maintainers"
    )


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
        err.write(
            f"\nsitegen: stopped by {'Ctrl-C (SIGINT)' if interrupted else 'SIGTERM'}; nothing was published "
            "and no output folder was changed\n"
        )
        return 128 + (signal.SIGINT if interrupted else signal.SIGTERM)


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    args = _parse(argv, out, err)
    if isinstance(args, int):
        return args
    if args.command in ("init", "new"):
        from . import scaffold

        return scaffold.run(args, out, err)
    if args.command == "schema":
        return _write_schemas(args.site, Path(args.out), out, err)
    site = Path(args.site)
    if not site.is_dir():  # no sitegen.yaml to say the language: sitegen's default, Dutch
        err.write(f"sitegen: error: {msg('cli.no-site', site=args.site).render(declared_language(site))}\n")
        return 2
    try:
        options = build.Options(build_date(args.date, os.environ), max(1, args.jobs), args.time_limit)
    except DateProblem as problem:
        err.write(f"sitegen: error: {problem}\n")
        return 2
    if args.command == "serve":
        from . import serve

        return serve.serve(site, dataclasses.replace(options, audience=args.audience), args.host, args.port, out, err)
    if args.command in ("check", "build"):
        try:
            options = dataclasses.replace(options, cache=_cache_folder(site, args))
        except cache.CacheProblem as problem:
            err.write(f"sitegen: error: --cache: {problem.message.render(declared_language(site))}\n")
            return 2
    if args.command == "build":
        base_url = normalize_base_url(args.base_url) if args.base_url else None
        if args.base_url and base_url is None:
            err.write(f"sitegen: error: --base-url: '{args.base_url}' is not an https URL (or http://localhost)\n")
            return 2
        options = dataclasses.replace(
            options,
            audience=args.audience,
            base_url=base_url,
            networks=dataclasses.replace(options.networks, offline=args.offline),
        )
    if err.isatty():
        options = dataclasses.replace(options, progress=_progress_bar(err))
    started = time.perf_counter()
    if args.command == "owners":
        return _owners(site, args, options, out, err)
    if args.command == "check":
        owned = _ownership(site, args, err)
        if isinstance(owned, int):
            return owned
        try:
            checked = build.check_site(site, options, keep_html=False, records=False)
        except OSError as exc:
            err.write(f"sitegen: error: {os_problem(exc)}\n")
            return 1
        if owned:
            checked = dataclasses.replace(
                checked, diagnostics=diagnostics.sorted_diagnostics([*checked.diagnostics, *owned])
            )
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
    except WriteProblem as problem:
        err.write(f"sitegen: error: {problem}\nsitegen: not published; {target} is unchanged\n")
        return 1
    except InternalProblem as problem:
        err.write(
            f"sitegen: internal error: {problem}\n{problem.traceback}sitegen: this is a bug in sitegen: "
            f"please report it with the text above\nsitegen: not published; {target} is unchanged\n"
        )
        return 1
    except OSError as exc:
        err.write(f"sitegen: error: {os_problem(exc)}\nsitegen: not published; {target} is unchanged\n")
        return 1
    _report(result.check, args.format, out, err)
    failed = _exit_status(result.check.diagnostics, args.strict)
    language = result.check.language
    if result.published is None:
        problems = msg(
            "cli.problems.errors" if diagnostics.has_errors(result.check.diagnostics) else "cli.problems.warnings"
        )
        err.write(f"sitegen: {msg('cli.not-published', problems=problems, target=str(target)).render(language)}\n")
        return 1
    summary = result.published
    pages = ", ".join(f"{count} {kind}" for kind, count in summary.pages.items())
    stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in summary.stages.items())
    err.write(
        f"sitegen: built the {options.audience} site in {target}: {summary.files} files "
        f"({summary.bytes / 1024 / 1024:.1f} MiB) in {time.perf_counter() - started:.2f} s ({pages})\n"
        f"sitegen: time per stage: {stages}\n"
    )
    for warning in summary.warnings:
        err.write(f"sitegen: warning: {warning.render(language)}\n")
    if summary.carried:
        carried = msg("carry.carried", carried=summary.carried, files=summary.files)
        err.write(f"sitegen: {carried.render(language)}\n")
    broken = result.check.broken_files
    if broken:
        key = "cli.published-without.one" if len(broken) == 1 else "cli.published-without"
        names = diagnostics.printable(", ".join(broken))
        err.write(f"sitegen: {msg(key, count=len(broken), names=names).render(language)}\n")
    return failed


def _ownership(site: Path, args: argparse.Namespace, err: TextIO) -> list[diagnostics.Diagnostic] | int:
    """The ownership errors of `--changed-by`, or the exit status of a usage error."""
    if args.changed_by is None:
        if args.changed_files is not None or args.base is not None:
            err.write("sitegen: error: --changed-files and --base need --changed-by\n")
            return 2
        return []
    change = ownership.Change(
        args.changed_by, args.base, tuple(args.changed_files) if args.changed_files is not None else None
    )
    try:
        return ownership.check_change(site, change, in_ci=os.environ.get("CI", "") not in ("", "0", "false"))
    except ownership.OwnershipProblem as problem:
        err.write(f"sitegen: error: {problem}\n")
        return 2


def _owners(site: Path, args: argparse.Namespace, options: build.Options, out: TextIO, err: TextIO) -> int:
    result = codeowners.owners(site, args.out, options, check_only=args.check)
    _report(result.check, args.format, out, err)
    if result.note:
        err.write(f"sitegen: {result.note}\n")
    return _exit_status(result.check.diagnostics, args.strict)


def _write_schemas(site: str | None, target: Path, out: TextIO, err: TextIO) -> int:
    if site is not None and not Path(site).is_dir():
        err.write(f"sitegen: error: {msg('cli.no-site', site=site).render(declared_language(Path(site)))}\n")
        return 2
    files, found = build.schema_files(Path(site) if site is not None else None)
    language = declared_language(Path(site)) if site is not None else "en"  # the general schemas have no errors
    out.write(diagnostics.format_text(found, language))
    if not files:
        err.write(f"sitegen: {msg('cli.no-schemas').render(language)}\n")
        return 1
    try:
        write_files(target, files)
    except OutputProblem as problem:
        err.write(f"sitegen: error: {problem}\n")
        return 2
    kind = f"for the site in {site}" if site is not None else "(general)"
    err.write(f"sitegen: wrote {len(files)} JSON Schemas {kind} to {target}\n")
    return 0


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
    found, language = checked.diagnostics, checked.language
    if output_format == "json":
        out.write(diagnostics.format_json(found, language))
    elif output_format == "github":
        out.write(diagnostics.format_github(found, language))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(diagnostics.format_github_summary(found, checked.files_checked, language))
            except OSError as exc:  # the annotations are out already: the summary is a copy
                err.write(
                    f"sitegen: warning: GITHUB_STEP_SUMMARY: cannot append to '{summary_file}': {exc.strerror or exc}\n"
                )
    else:
        out.write(diagnostics.format_text(found, language))
    if checked.cache is not None:  # the cache says nothing while all is well
        for problem in checked.cache.warnings(language):
            err.write(f"sitegen: warning: {problem}\n")
    err.write(f"sitegen: {diagnostics.summary_line(found, checked.files_checked, language)}\n")


def _exit_status(found: Sequence[diagnostics.Diagnostic], strict: bool) -> int:
    if diagnostics.has_errors(found) or (strict and found):
        return 1
    return 0
