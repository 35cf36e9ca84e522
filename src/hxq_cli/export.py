"""What `hxq export` writes, and where: the framework or one subtree, to a file or a folder.

Files are written whole, as UTF-8 with "\n" line ends, replacing a file of the same name.
Missing parent folders are not created (a typo in a path should fail, not scatter folders);
a Data Package's own folder is created when it does not exist, and a folder that already
holds files is only written into with `force`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from hxq_cli.errors import OutputError
from hxq_cli.model import Framework, Located

#: Formats written as one text, to stdout or a file.
TEXT_FORMATS = ("md", "csv", "mermaid", "dot", "json", "yaml", "html")
#: Formats written as a folder of files.
FOLDER_FORMATS = ("datapackage",)


def subtree(framework: Framework, located: Located | None) -> Framework:
    """The framework with only `located`'s node (and its subtree) as its top level; all of it
    for None. Title, description and sources are kept, so the result is a framework file too.
    """
    if located is None:
        return framework
    return Framework(
        schema_version=framework.schema_version,
        id=framework.id,
        title=framework.title,
        description=framework.description,
        sources=framework.sources,
        nodes=(located.node,),
    )


def _failure(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    if isinstance(exc, FileNotFoundError):
        return OutputError(f"{path}: no such folder to write into ({Path(path).parent})")
    if isinstance(exc, IsADirectoryError):
        return OutputError(f"{path}: is a folder, not a file")
    if isinstance(exc, NotADirectoryError):
        return OutputError(f"{path}: a part of the path is a file, not a folder")
    if isinstance(exc, PermissionError):
        return OutputError(f"{path}: permission denied")
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def write_file(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path`, replacing a file there; OutputError if that cannot be done."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise _failure(path, exc) from None


def write_folder(path: str, files: Mapping[str, str], *, force: bool = False) -> None:
    """Write each named text into the folder `path` (created if missing, parent must exist).

    A folder that already holds anything is refused unless `force`; with it, the named files
    are replaced and any other file in the folder is left alone.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: is a file, not a folder")
    try:
        if folder.is_dir() and any(folder.iterdir()) and not force:
            raise OutputError(f"{path}: folder is not empty (use --force to write into it)")
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _failure(path, exc) from None
    for name, text in files.items():
        write_file(folder / name, text)
