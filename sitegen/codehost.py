"""The code host of a site's repository (GitHub or GitLab) and the addresses of its web editor.

Both hosts have the same two pages under different paths (checked against GitHub's and
GitLab's own new-file forms; GitLab's template reads `params[:file_name]` and `params[:content]`):

    edit an existing file   GitHub  /OWNER/REPO/edit/BRANCH/PATH
                            GitLab  /GROUP/PROJECT/-/edit/BRANCH/PATH
    new file in a folder    GitHub  /OWNER/REPO/new/BRANCH/FOLDER?filename=NAME&value=TEXT
                            GitLab  /GROUP/PROJECT/-/new/BRANCH/FOLDER?file_name=NAME&content=TEXT

A branch may hold '/' (`feature/profielen`): both hosts resolve the longest branch name that
exists, so '/' stays as it is and every other character that URLs reserve is percent-encoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode, urlsplit

Host = Literal["github", "gitlab"]
HOSTS: tuple[Host, ...] = ("github", "gitlab")
HOST_NAMES: dict[Host, str] = {"github": "GitHub", "gitlab": "GitLab"}

# The query parameters of the new-file page that fill in the file name and the text.
NEW_FILE_PARAMETERS: dict[Host, tuple[str, str]] = {"github": ("filename", "value"), "gitlab": ("file_name", "content")}


@dataclass(frozen=True, slots=True)
class Repository:
    """`repository:` in sitegen.yaml: the project page (no trailing '/' or '.git'), branch and host."""

    url: str
    branch: str = "main"
    host: Host = "github"


def guess_host(url: str) -> Host | None:
    """github.com is GitHub; gitlab.com and a host named gitlab.* are GitLab; others must say so."""
    name = (urlsplit(url).hostname or "").lower()
    if name in ("github.com", "www.github.com"):
        return "github"
    if name == "gitlab.com" or name.startswith("gitlab."):
        return "gitlab"
    return None


def project_url(url: str) -> str:
    """The project page as the editor URLs need it: without a trailing '/' or '.git'."""
    url = url.rstrip("/")
    return url.removesuffix(".git")


def project_problem(url: str, host: Host) -> str | None:
    """Why `url` is not the page of one project on `host`, or None."""
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return "the address has a '?' or '#' part"
    segments = [s for s in project_url(parts.path).split("/") if s]
    if "-" in segments or "tree" in segments or "blob" in segments:
        return "it is the address of a page inside the project"
    if host == "github" and len(segments) != 2:
        return "a GitHub repository address has two parts after the host: the owner and the repository"
    if host == "gitlab" and len(segments) < 2:
        return "a GitLab project address has a group and a project after the host"
    return None


def _path(text: str) -> str:
    return quote(text, safe="/")


def _prefix(repository: Repository) -> str:
    return repository.url + ("/-" if repository.host == "gitlab" else "")


def edit_url(repository: Repository, path: str) -> str:
    """The web editor of the existing file `path` (relative to the repository root)."""
    return f"{_prefix(repository)}/edit/{_path(repository.branch)}/{_path(path)}"


def blob_url(repository: Repository, path: str) -> str:
    """The page that shows the file `path` as the code host renders it."""
    return f"{_prefix(repository)}/blob/{_path(repository.branch)}/{_path(path)}"


def new_file_url(repository: Repository, folder: str, file_name: str | None = None, content: str | None = None) -> str:
    """The new-file page in `folder`, with the file name and text filled in when given."""
    base = f"{_prefix(repository)}/new/{_path(repository.branch)}/{_path(folder.strip('/'))}"
    name_parameter, content_parameter = NEW_FILE_PARAMETERS[repository.host]
    query = {name_parameter: file_name, content_parameter: content}
    filled = {key: value for key, value in query.items() if value is not None}
    return f"{base}?{urlencode(filled, quote_via=quote)}" if filled else base
