"""What the templates need for the links to the code host's web editor.

Without `repository` in sitegen.yaml there are no such links: every value below is empty.
The same links appear in the internal build: it is made from the same repository, and the
editor only opens for people who may read that repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import codehost, i18n, schema
from .config import SiteConfig

PROFILES_FOLDER = "content/profiles"


@dataclass(frozen=True, slots=True)
class NewFile:
    """The new-file page of a folder, for a script that fills in the name and text itself."""

    url: str  # the page without a query
    file_parameter: str  # the query parameter of the file name
    content_parameter: str  # the query parameter of the file's text


def profile_skeleton(language: str) -> str:
    """A profile with every required key (and `maintainers`) left to fill in: `check` names each one."""
    keys = [key.name for key in schema.PROFILE if key.required] + ["maintainers"]
    comment = i18n.text(language, "new_profile_comment")
    return "---\n# " + comment + "\n" + "".join(f"{key}:\n" for key in keys) + "---\n"


def template_globals(config: SiteConfig) -> dict[str, Any]:
    repository = config.repository
    if repository is None:
        return {"code_host": "", "edit_url": lambda record: "", "new_profile_url": "", "new_profile_file": None}
    file_parameter, content_parameter = codehost.NEW_FILE_PARAMETERS[repository.host]
    language = config.language
    return {
        "code_host": codehost.HOST_NAMES[repository.host],
        "edit_url": lambda record: codehost.edit_url(repository, record.source),
        "new_profile_url": codehost.new_file_url(
            repository, PROFILES_FOLDER, i18n.text(language, "new_profile_file"), profile_skeleton(language)
        ),
        "new_profile_file": NewFile(
            codehost.new_file_url(repository, PROFILES_FOLDER), file_parameter, content_parameter
        ),
    }
