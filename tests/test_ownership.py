"""`sitegen check --changed-by`: who may change which file, against a real git repository."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from conftest import SITEGEN_YAML, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory, write_site

from sitegen import cli

DATE = "2026-12-01"
ANNA = "content/profiles/anna-de-vries.md"
BERT = "content/profiles/bert-jansen.md"
ANNA_PROFILE = VALID_PROFILE.replace("consent: 2026-03-01\n", "consent: 2026-03-01\nmaintainers:\n  - anna-dv\n")
BERT_PROFILE = VALID_PROFILE.replace("Anna de Vries", "Bert Jansen").replace(
    "consent: 2026-03-01\n", "consent: 2026-03-01\nmaintainers: [Bert-J]\n"
)
CONFIG = SITEGEN_YAML + "language: en\ncoordinators:\n  - mvangils\n"  # English: the tests quote the messages
ASK_ANNA = (
    "ask one of the maintainers listed on line 8 (anna-dv) or a coordinator (mvangils) to make this change, "
    "or to add you to 'maintainers' first, in a change of its own"
)
NOT_ANNAS = "bert-j may not change this profile: only its maintainers may (anna-dv)"


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, text=True).stdout


def commit_all(folder: Path, message: str = "change") -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def init_repository(folder: Path) -> None:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.org")
    git(folder, "config", "user.name", "Test")
    commit_all(folder, "base")


@pytest.fixture(autouse=True)
def outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def repo(make_site: SiteFactory) -> Path:
    """A site with two profiles and one coordinator, committed: HEAD is the base of every change."""
    site = make_site(
        {
            "sitegen.yaml": CONFIG,
            ANNA: ANNA_PROFILE,
            BERT: BERT_PROFILE,
            "content/profiles/anna-de-vries.png": (
                Path(__file__).parent.parent / "examples/small/content/profiles/lotte-van-damme.png"
            ).read_bytes(),
            "content/assignments/klus.md": VALID_ASSIGNMENT,
        }
    )
    init_repository(site)
    return site


def run(site: Path, *arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["check", str(site), "--date", DATE, "--jobs", "2", *arguments], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def edit(site: Path, path: str, old: str, new: str) -> None:
    target = site / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Profiles


def test_an_author_may_edit_their_own_profile(repo: Path) -> None:
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Senior beleidsadviseur")
    assert run(repo, "--changed-by", "anna-dv")[:2] == (0, "")


def test_another_members_profile_is_refused_with_its_maintainers_line(repo: Path) -> None:
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    assert run(repo, "--changed-by", "bert-j")[:2] == (1, f"{ANNA}:8: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n")


def test_adding_yourself_as_maintainer_counts_only_after_the_merge(repo: Path) -> None:
    edit(repo, ANNA, "  - anna-dv\n", "  - anna-dv\n  - bert-j\n")
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    assert run(repo, "--changed-by", "bert-j")[:2] == (
        1,
        (
            f"{ANNA}:8: error: bert-j is not a maintainer of this profile yet: adding yourself to 'maintainers' counts "
            "only once that change is merged\n"
            "  hint: first ask one of the maintainers listed on line 8 (anna-dv) or a coordinator (mvangils) to add "
            "you, in a change of its own; then make this change\n"
        ),
    )


def test_the_maintainers_line_is_where_it_is_now(repo: Path) -> None:
    """The annotation lands on the line the member sees; the hint names the base revision's line."""
    edit(repo, ANNA, "consent: 2026-03-01\n", "consent: 2026-03-01\nsummary: Verbinder\n")
    status, out, _ = run(repo, "--changed-by", "bert-j")
    assert (status, out) == (1, f"{ANNA}:9: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n")


def test_user_names_compare_case_insensitively(repo: Path) -> None:
    edit(repo, BERT, "role: Beleidsadviseur", "role: Programmamanager")
    assert run(repo, "--changed-by", "BERT-j")[:2] == (0, "")
    assert run(repo, "--changed-by", "@bert-J")[:2] == (0, "")


def test_a_new_profile_that_lists_its_author(repo: Path) -> None:
    new = ANNA_PROFILE.replace("Anna de Vries", "Carla Smit").replace("anna-dv", "carla")
    write_site(repo, {"content/profiles/carla-smit.md": new}, defaults=False)
    assert run(repo, "--changed-by", "Carla")[:2] == (0, "")


def test_a_new_profile_that_does_not_list_its_author(repo: Path) -> None:
    new = ANNA_PROFILE.replace("Anna de Vries", "Carla Smit")
    write_site(repo, {"content/profiles/carla-smit.md": new}, defaults=False)
    assert run(repo, "--changed-by", "carla")[:2] == (
        1,
        (
            "content/profiles/carla-smit.md:8:1: error: a new profile must list its author under 'maintainers': "
            "carla is missing\n  hint: add '- carla' under 'maintainers:'\n"
        ),
    )


def test_a_new_profile_without_maintainers(repo: Path) -> None:
    write_site(
        repo, {"content/profiles/carla-smit.md": VALID_PROFILE.replace("Anna de Vries", "Carla Smit")}, defaults=False
    )
    assert run(repo, "--changed-by", "carla")[:2] == (
        1,
        (
            "content/profiles/carla-smit.md:1:1: error: a new profile must list its author under 'maintainers': "
            "carla is missing\n  hint: add the lines 'maintainers:' and '  - carla' before the closing '---'\n"
        ),
    )


def test_a_coordinator_may_change_every_profile(repo: Path) -> None:
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    (repo / BERT).unlink()
    (repo / "sitegen.yaml").write_text(CONFIG.replace("Testnetwerk", "Ons netwerk"), encoding="utf-8")
    assert run(repo, "--changed-by", "MvanGils")[:2] == (0, "")


def test_a_deleted_profile(repo: Path) -> None:
    (repo / ANNA).unlink()
    (repo / "content/profiles/anna-de-vries.png").unlink()
    assert run(repo, "--changed-by", "anna-dv")[:2] == (0, "")
    status, out, _ = run(repo, "--changed-by", "bert-j")
    assert (status, out) == (
        1,
        (
            f"{ANNA}: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n"
            f"content/profiles/anna-de-vries.png: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n"
        ),
    )


def test_a_photo_belongs_to_its_profile(repo: Path) -> None:
    photo = repo / "content/profiles/anna-de-vries.png"
    (repo / "content/profiles/bert-jansen.png").write_bytes(photo.read_bytes())
    photo.unlink()
    assert run(repo, "--changed-by", "bert-j")[:2] == (
        1,
        f"content/profiles/anna-de-vries.png: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n",
    )


def test_a_profile_without_maintainers_is_for_the_coordinators(make_site: SiteFactory) -> None:
    site = make_site({"sitegen.yaml": CONFIG, ANNA: VALID_PROFILE})
    init_repository(site)
    edit(site, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    assert run(site, "--changed-by", "anna-dv")[:2] == (
        1,
        (
            f"{ANNA}: error: anna-dv may not change this profile: it lists no maintainers, so only a coordinator may "
            "change it\n  hint: ask a coordinator (mvangils) to make this change, or to add you to 'maintainers' of "
            f"{ANNA} first, in a change of its own\n"
        ),
    )


def test_a_profile_that_was_broken_on_the_base_is_for_the_coordinators(make_site: SiteFactory) -> None:
    """Its maintainers cannot be known, so nobody can claim it by repairing it."""
    site = make_site({"sitegen.yaml": CONFIG, ANNA: ANNA_PROFILE.replace("---\n\nIk", "\nIk")})
    init_repository(site)
    (site / ANNA).write_text(ANNA_PROFILE.replace("anna-dv", "bert-j"), encoding="utf-8")
    assert run(site, "--changed-by", "bert-j")[:2] == (
        1,
        (
            f"{ANNA}:8: error: bert-j may not change this profile: it could not be read on HEAD, so only a coordinator "
            "may change it\n  hint: ask a coordinator (mvangils) to make this change\n"
        ),
    )


# ---------------------------------------------------------------------------------------------
# The other files


def test_a_member_may_not_change_the_settings_nor_make_themselves_coordinator(repo: Path) -> None:
    (repo / "sitegen.yaml").write_text(CONFIG + "  - bert-j\n", encoding="utf-8")
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    assert run(repo, "--changed-by", "bert-j")[:2] == (
        1,
        (
            f"{ANNA}:8: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n"
            "sitegen.yaml: error: bert-j may not change this file: only a coordinator may change the site's settings\n"
            "  hint: ask a coordinator (mvangils) to make this change\n"
        ),
    )


def test_assignments_organisations_and_vocabulary_are_open_to_members(repo: Path) -> None:
    write_site(repo, {"content/assignments/nog-een-klus.md": VALID_ASSIGNMENT}, defaults=False)
    edit(repo, "content/organisations.yaml", "Gemeente Tilburg", "Gemeente Tilburg (stad)")
    assert run(repo, "--changed-by", "bert-j")[:2] == (0, "")


def test_themes_pages_and_workflows_are_for_the_coordinators(repo: Path) -> None:
    write_site(
        repo,
        {
            "themes/eigen/templates/base.html": "x",
            "content/pages/over.md": "---\ntitle: Over\n---\n",
            ".github/workflows/check.yml": "on: push\n",
        },
        defaults=False,
    )
    (repo / "sitegen.yaml").write_text(CONFIG, encoding="utf-8")
    status, out, _ = run(repo, "--changed-by", "bert-j")
    assert status == 1
    assert out.splitlines()[::2] == [
        ".github/workflows/check.yml: error: bert-j may not change this file: only a coordinator may change files "
        "outside the members' content (profiles, assignments, organisations, vocabulary)",
        "content/pages/over.md: error: bert-j may not change this file: only a coordinator may change the site's pages",
        "themes/eigen/templates/base.html: error: bert-j may not change this file: only a coordinator may change "
        "the theme",
    ]


# ---------------------------------------------------------------------------------------------
# Revisions and file lists


def test_the_base_revision_and_the_changed_files_of_a_pull_request(repo: Path) -> None:
    """As CI runs it: the change is committed, the base is the target branch's commit."""
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "switch", "-q", "-c", "profiel-bert")
    edit(repo, ANNA, "  - anna-dv\n", "  - anna-dv\n  - bert-j\n")
    commit_all(repo, "Bert maintains Anna")
    edit(repo, ANNA, "role: Beleidsadviseur", "role: Iets anders")
    commit_all(repo, "Bert edits Anna")
    status, out, _ = run(repo, "--changed-by", "bert-j", "--base", base)
    assert status == 1 and out.startswith(f"{ANNA}:8: error: bert-j is not a maintainer of this profile yet")
    # HEAD~1 already lists Bert: against it, the second commit alone passes.
    assert run(repo, "--changed-by", "bert-j", "--base", "HEAD~1")[:2] == (0, "")
    # Only the named files count, relative to the repository root.
    assert run(repo, "--changed-by", "bert-j", "--base", base, "--changed-files", BERT, "README.md")[:2] == (
        1,
        "README.md: error: bert-j may not change this file: only a coordinator may change files outside the "
        "members' content (profiles, assignments, organisations, vocabulary)\n"
        "  hint: ask a coordinator (mvangils) to make this change\n",
    )


def test_a_site_in_a_folder_of_its_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_site(root / "site", {"sitegen.yaml": CONFIG, ANNA: ANNA_PROFILE})
    (root / "README.md").write_text("repository\n", encoding="utf-8")
    init_repository(root)
    edit(root / "site", ANNA, "role: Beleidsadviseur", "role: Iets anders")
    (root / "README.md").write_text("changed\n", encoding="utf-8")
    expected = (1, f"{ANNA}:8: error: {NOT_ANNAS}\n  hint: {ASK_ANNA}\n")
    assert run(root / "site", "--changed-by", "bert-j")[:2] == expected
    assert run(root / "site", "--changed-by", "bert-j", "--changed-files", f"site/{ANNA}", "README.md")[:2] == expected


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--changed-by", "bert-j", "--base", "no-such-branch"),
            "--base: the revision 'no-such-branch' is not known in this repository (in CI, fetch it first: a shallow "
            "clone lacks older commits)",
        ),
        (("--changed-by", "bert-j", "--base=--all"), "--base: '--all' is not a revision"),
        (("--changed-by", "bert j"), "--changed-by: 'bert j' is not a code-host user name"),
        (("--base", "HEAD"), "--changed-files and --base need --changed-by"),
    ],
)
def test_usage_errors(repo: Path, arguments: tuple[str, ...], message: str) -> None:
    assert run(repo, *arguments) == (2, "", f"sitegen: error: {message}\n")


def test_in_ci_the_base_is_required(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert run(repo, "--changed-by", "bert-j") == (
        2,
        "",
        (
            "sitegen: error: --base is required in CI: pass the commit of the target branch, for example "
            "${{ github.event.pull_request.base.sha }} or $CI_MERGE_REQUEST_DIFF_BASE_SHA\n"
        ),
    )


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-tools-here"))
    assert run(repo, "--changed-by", "bert-j") == (
        2,
        "",
        "sitegen: error: git is not installed (or not on the PATH); --changed-by needs it\n",
    )


def test_outside_a_repository(make_site: SiteFactory) -> None:
    site = make_site({"sitegen.yaml": CONFIG})
    assert run(site, "--changed-by", "bert-j") == (
        2,
        "",
        f"sitegen: error: the site folder '{site}' is not inside a git working tree; --changed-by needs one\n",
    )


def test_a_repository_that_git_cannot_read(repo: Path) -> None:
    """Git's own reason, as for a checkout owned by another user ("detected dubious ownership")."""
    git(repo, "config", "core.repositoryformatversion", "99")
    assert run(repo, "--changed-by", "bert-j") == (
        2,
        "",
        f"sitegen: error: git cannot read the repository of '{repo}': Expected git repo version <= 1, found 99\n",
    )
