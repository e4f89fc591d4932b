"""The CI files `sitegen init` writes: valid, linted, pinned, safe for forks, and naming real commands."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import cli

CHECK = ".github/workflows/check.yml"
PAGES = ".github/workflows/pages.yml"
DEPENDABOT = ".github/dependabot.yml"
GITLAB = ".gitlab-ci.yml"
WORKFLOWS = (CHECK, PAGES)
PINNED_ACTION = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ci") / "site"
    status = cli.main(["init", str(folder)], stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 0
    return folder


def load(site: Path, name: str) -> dict[Any, Any]:  # YAML 1.1 reads the key `on` as True
    document = yaml.safe_load((site / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def tool(name: str) -> str:
    """A checker from the test extra: beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[test]'"
    return found


# ---------------------------------------------------------------------------------------------
# The command lines


def shell_lines(site: Path, name: str) -> list[str]:
    """Every line a workflow's steps or a GitLab pipeline's jobs run."""
    lines: list[str] = []
    if name == GITLAB:
        for job in load(site, GITLAB).values():
            if isinstance(job, dict):
                for key in ("before_script", "script"):
                    lines += job.get(key, [])
    else:
        for job in load(site, name)["jobs"].values():
            for step in job["steps"]:
                lines += step.get("run", "").splitlines()
    return [line.strip() for line in lines if line.strip()]


def all_shell_lines(site: Path) -> list[str]:
    return [line for name in (*WORKFLOWS, GITLAB) for line in shell_lines(site, name)]


def sitegen_arguments(line: str) -> list[str]:
    # GitHub's ${{ expressions }} and GitLab's "$VARIABLES" are filled in by the runner.
    return shlex.split(re.sub(r"\$\{\{[^}]*\}\}", "https://example.org/", line))[1:]


def test_every_sitegen_command_line_parses_with_the_real_parser(site: Path) -> None:
    commands = {
        name: [line.split()[1] for line in shell_lines(site, name) if line.startswith("sitegen ")]
        for name in (*WORKFLOWS, GITLAB)
    }
    assert {"check", "build"} <= set(commands[CHECK]) and {"check", "build"} <= set(commands[GITLAB])
    assert commands[PAGES] == ["build"]
    for line in all_shell_lines(site):
        if not line.startswith("sitegen "):
            continue
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            try:
                cli._parser().parse_args(sitegen_arguments(line))
            except SystemExit:
                pytest.fail(f"'{line}' is not a valid sitegen command: {stderr.getvalue()}")


def test_no_other_command_reaches_sitegen(site: Path) -> None:
    """Each line is either sitegen itself or the install from requirements.txt."""
    others = {line for line in all_shell_lines(site) if not line.startswith("sitegen ")}
    assert others == {"python -m pip install -r requirements.txt"}


def test_the_real_parser_rejects_a_made_up_option() -> None:
    """The check above can fail: an option sitegen does not have is refused."""
    with contextlib.redirect_stderr(io.StringIO()), pytest.raises(SystemExit):
        cli._parser().parse_args(sitegen_arguments("sitegen check --made-up-option someone"))
    assert isinstance(cli._parser(), argparse.ArgumentParser)


# ---------------------------------------------------------------------------------------------
# GitHub Actions


def test_pull_requests_run_with_a_read_only_token(site: Path) -> None:
    workflow = load(site, CHECK)
    assert list(workflow[True]) == ["pull_request"]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    for name in WORKFLOWS:
        text = (site / name).read_text(encoding="utf-8")
        assert "pull_request_target" not in text.replace("`pull_request_target`", "")
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    expected = [
        "python -m pip install -r requirements.txt",
        'sitegen check --format github --changed-by "$AUTHOR" --base "$BASE"',
        "sitegen build --out output",
    ]
    assert [run for run in runs if run in expected] == expected  # in this order; other steps may come between
    assert steps[0]["with"]["persist-credentials"] is False
    assert steps[0]["with"]["fetch-depth"] == 0  # the ownership check reads the base commit


def test_the_pages_workflow_deploys_with_the_official_actions(site: Path) -> None:
    workflow = load(site, PAGES)
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert "schedule" in workflow[True]  # assignments close on their deadline without a commit
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    actions = [
        step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step
    ]
    assert actions == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]


def test_actions_are_pinned_to_a_commit_and_pip_is_cached(site: Path) -> None:
    for name in WORKFLOWS:
        for job in load(site, name)["jobs"].values():
            assert job["runs-on"] == "ubuntu-24.04"
            for step in job["steps"]:
                if "uses" in step:
                    assert PINNED_ACTION.fullmatch(step["uses"]), step["uses"]
                if step.get("uses", "").startswith("actions/setup-python@"):
                    assert step["with"] == {
                        "python-version": "3.12",
                        "cache": "pip",
                        "cache-dependency-path": "requirements.txt",
                    }


def test_both_workflows_keep_the_check_cache_between_runs(site: Path) -> None:
    """The cache's default folder, keyed on the sitegen version, restored from the newest run."""
    for name in WORKFLOWS:
        steps = [step for job in load(site, name)["jobs"].values() for step in job["steps"]]
        (cached,) = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
        assert cached["with"] == {
            "path": "~/.cache/sitegen",
            "key": "sitegen-${{ hashFiles('requirements.txt') }}-${{ github.run_id }}",
            "restore-keys": "sitegen-${{ hashFiles('requirements.txt') }}-",
        }
        first_sitegen = next(i for i, step in enumerate(steps) if "sitegen " in step.get("run", ""))
        assert steps.index(cached) < first_sitegen


def test_actionlint_accepts_the_workflows(site: Path) -> None:
    result = subprocess.run(
        [tool("actionlint"), "-no-color", *WORKFLOWS],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_would_catch_a_mistake(site: Path, tmp_path: Path) -> None:
    broken = tmp_path / ".github/workflows/broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text((site / CHECK).read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = subprocess.run(
        [tool("actionlint"), "-no-color", str(broken)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 1 and "runs_on" in result.stdout


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.dependabot", (DEPENDABOT,)),
        ("vendor.gitlab-ci", (GITLAB,)),
    ],
)
def test_the_files_match_their_schemas(site: Path, schema: str, files: tuple[str, ...]) -> None:
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *files],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("interruptible: false", "interruptible: sometimes"),
        ("paths: [.cache/pip, .cache/sitegen]", "paths: {sitegen: .cache/sitegen}"),  # a list, in GitLab's schema
    ],
)
def test_check_jsonschema_would_catch_a_mistake(site: Path, tmp_path: Path, right: str, wrong: str) -> None:
    broken = tmp_path / "gitlab-ci.yml"
    text = (site / GITLAB).read_text(encoding="utf-8")
    assert right in text
    broken.write_text(text.replace(right, wrong), encoding="utf-8")
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(broken)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1


# ---------------------------------------------------------------------------------------------
# GitLab CI


def test_gitlab_checks_merge_requests_and_publishes_pages(site: Path) -> None:
    pipeline = load(site, GITLAB)
    assert pipeline["default"]["image"] == "python:3.12-bookworm"
    assert pipeline["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    ownership = 'sitegen check --changed-by "$GITLAB_USER_LOGIN" --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"'
    cached = "--cache .cache/sitegen"
    assert pipeline["check"]["script"] == [f"{ownership} {cached}", f"sitegen build --out output {cached}"]
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pipeline["pages"]["artifacts"] == {"paths": ["public"]}
    assert pipeline["pages"]["script"] == [f'sitegen build --out public --base-url "$CI_PAGES_URL" {cached}']
    assert pipeline["cache"] == {"key": {"files": ["requirements.txt"]}, "paths": [".cache/pip", ".cache/sitegen"]}
    assert pipeline["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"


def test_gitlab_keeps_the_check_cache_in_a_folder_sitegen_accepts(site: Path, tmp_path: Path) -> None:
    """GitLab caches only folders inside the project, where sitegen refuses a cache folder that
    git tracks anything of: every check and build names the cached folder, which the starter's
    .gitignore leaves out, and in a checkout of the new site sitegen takes it and fills it."""
    pipeline = load(site, GITLAB)
    lines = [line for line in shell_lines(site, GITLAB) if line.startswith("sitegen ")]
    assert lines and all(sitegen_arguments(line)[-2:] == ["--cache", ".cache/sitegen"] for line in lines)
    assert ".cache/sitegen" in pipeline["cache"]["paths"]

    checkout = tmp_path / "checkout"
    shutil.copytree(site, checkout)
    git = ["git", "-C", str(checkout), "-c", "user.email=t@example.org", "-c", "user.name=T"]
    for arguments in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "site"]):
        subprocess.run([*git, *arguments], check=True, capture_output=True)
    (checkout / ".cache/sitegen").mkdir(parents=True)
    ignored = subprocess.run([*git, "check-ignore", ".cache/sitegen/readings"], capture_output=True, check=False)
    assert ignored.returncode == 0
    with contextlib.chdir(checkout):
        status = cli.main(["check", "--cache", ".cache/sitegen"], stdout=io.StringIO(), stderr=io.StringIO())
        cold = cli.main(["check", "--no-cache"], stdout=io.StringIO(), stderr=io.StringIO())
    assert status == cold == 0
    assert (checkout / ".cache/sitegen/readings").is_file()


def test_the_sitegen_version_is_pinned_in_one_place(site: Path) -> None:
    requirement = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert requirement.startswith("sitegen @ git+https://")
    assert re.search(r"@(v[0-9][\w.]*|[0-9a-f]{40})$", requirement), requirement
