"""Issue 10: each fault found by trying sitegen as an attacker would, reproduced and fixed.

The points of the issue are the sections below, in its order. Each test fails on the code
before its fix.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from sitegen import images

# ---------------------------------------------------------------------------------------------
# 1: no metadata block of the original reaches the published photo

CANARY = b"zqxcanary"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + CANARY + b"-xmp</rdf:Description></x:xmpmeta>"


def icc_profile() -> bytes:
    """An sRGB profile whose description carries a canary: Pillow embeds the bytes as they are."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile + CANARY + b"-icc"


def exif_block() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = (CANARY + b"-exif-description").decode()  # ImageDescription
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 1.0), 3: "E", 4: (5.0, 7.0, 2.0)}  # GPSInfo
    return exif


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_chunks(png: bytes, *chunks: bytes) -> bytes:
    """The PNG with `chunks` inserted right after IHDR (8 bytes of signature, 25 of IHDR)."""
    return png[:33] + b"".join(chunks) + png[33:]


def photo(image_format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 40).convert("RGB").save(buffer, image_format, **options)
    return buffer.getvalue()


def png_with_text_chunks() -> bytes:
    return with_png_chunks(
        photo("PNG", icc_profile=icc_profile(), exif=exif_block()),
        png_chunk(b"tEXt", b"Comment\0" + CANARY + b"-text"),
        png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(CANARY + b"-ztxt")),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP),
    )


ORIGINALS = {
    "jpeg": lambda: photo("JPEG", comment=CANARY + b"-comment", exif=exif_block(), xmp=XMP,
                          icc_profile=icc_profile()),
    "png": png_with_text_chunks,
    "webp": lambda: photo("WEBP", exif=exif_block(), xmp=XMP, icc_profile=icc_profile()),
}


@pytest.mark.parametrize("image_format", sorted(ORIGINALS))
def test_1_no_metadata_block_survives_publishing(image_format: str) -> None:
    original = ORIGINALS[image_format]()
    assert CANARY in original
    published = images.publish(original)
    assert CANARY not in published.data
    reopened = Image.open(io.BytesIO(published.data))
    assert not {"comment", "exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(reopened.info)
    assert not reopened.getexif()
    markers = [published.data[i + 1] for i in range(len(published.data) - 1)
               if published.data[i] == 0xFF and 0xE1 <= published.data[i + 1] <= 0xFE]
    assert markers == [], "no APPn (EXIF, XMP, ICC) or COM segment"


def test_1_the_png_canaries_are_really_there() -> None:
    original = png_with_text_chunks()
    image = Image.open(io.BytesIO(original))
    image.load()
    assert image.info["Comment"].encode().startswith(CANARY)
    assert CANARY in image.info["icc_profile"]
    assert CANARY in image.getexif()[0x010E].encode()
