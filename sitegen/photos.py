"""Profile photos: checked where they are read, re-encoded where they are published.

Only regular files beside the profile, in JPEG, PNG or WebP, under a size cap, that decode.
Phone photos carry GPS positions in EXIF: nothing of the original file is ever copied.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from .diagnostics import ContentProblem
from .messages import Message, msg

MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "WEBP"}


class PhotoProblem(ContentProblem):
    """A photo we do not publish; it concerns the whole file."""

    def __init__(self, code: str, message: Message, hint: Message | None = None) -> None:
        super().__init__(0, 0, code, message, hint)


def load_plugins() -> None:
    """Pillow's format plugins, which the first decode would load anyway (see documents.prepare_workers)."""
    Image.init()


def decode(data: bytes) -> Image.Image:
    """The decoded image; raises PhotoProblem when it is not a photo we accept."""
    hint = msg("photo.export.hint")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoProblem(
                    "photo-too-large",
                    msg("photo.too-large", width=image.width, height=image.height, limit=MAX_PIXELS // 1_000_000),
                    msg("photo.smaller.hint"),
                )
            image.load()
        except PhotoProblem:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoProblem("photo-too-large", msg("photo.too-many-pixels"), msg("photo.smaller.hint")) from None
        except UnidentifiedImageError:
            raise PhotoProblem("photo-invalid", msg("photo.not-an-image"), hint) from None
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken files
            raise PhotoProblem("photo-invalid", msg("photo.damaged"), hint) from None
    return image
