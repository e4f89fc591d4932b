"""sitegen: a static site for a directory of professionals and the assignments they can take on."""

__version__ = "0.1.0"
