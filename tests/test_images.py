"""A published photo's URL changes whenever its bytes could: with the original and with the encoding.

The file name is known before the photo is encoded (the pages that show it are rendered beside
it), so it hashes the original together with every setting of `images.Encoding`. A new size or
quality then gives every photo a new URL, and no browser keeps showing the old image.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, VALID_PROFILE, SiteFactory
from PIL import Image

from sitegen import build, images


def photo(colour: tuple[int, int, int] = (20, 120, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(buffer, format="PNG")
    return buffer.getvalue()


OTHER_SETTINGS: dict[str, Any] = {
    "size": 160,
    "resample": "BICUBIC",
    "quality": 90,
    "optimize": False,
    "progressive": False,
    "revision": 2,
}


def test_every_setting_of_the_encoding_is_tried_here() -> None:
    assert sorted(OTHER_SETTINGS) == sorted(f.name for f in dataclasses.fields(images.Encoding))


@pytest.mark.parametrize("setting", sorted(OTHER_SETTINGS))
def test_a_change_of_any_setting_changes_the_hash(setting: str) -> None:
    changed = dataclasses.replace(images.ENCODING, **{setting: OTHER_SETTINGS[setting]})
    assert images.photo_hash(photo(), changed) != images.photo_hash(photo())


def test_the_hash_follows_the_original_and_is_ten_hex_digits() -> None:
    first, second = images.photo_hash(photo()), images.photo_hash(photo((200, 30, 30)))
    assert first != second and first == images.photo_hash(photo())
    assert len(first) == 10 and set(first) <= set("0123456789abcdef")


def test_the_encoding_is_what_publish_does() -> None:
    small = images.publish(photo(), dataclasses.replace(images.ENCODING, size=64, progressive=False))
    published = Image.open(io.BytesIO(images.publish(photo())))
    assert (published.format, published.size, published.info.get("progressive")) == ("JPEG", (320, 320), 1)
    reopened = Image.open(io.BytesIO(small))
    assert (reopened.size, reopened.info.get("progressive")) == ((64, 64), None)


def test_the_build_names_the_photo_by_its_hash(make_site: SiteFactory, tmp_path: Path) -> None:
    original = photo()
    site = make_site(
        {"content/profiles/anna-de-vries.md": VALID_PROFILE, "content/profiles/anna-de-vries.png": original}
    )
    result = build.build_site(site, tmp_path / "out", build.Options(BUILD_DATE, jobs=1))
    assert result.published is not None
    photos = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.jpg"))
    assert photos == [f"profielen/anna-de-vries/foto-{images.photo_hash(original)}.jpg"]
    assert (tmp_path / "out" / photos[0]).read_bytes() == images.publish(original)
