"""sitemap.xml and robots.txt: what search engines may index.

Only indexable pages of the public build are listed; closed assignments and the 404 page
are not. Each entry's `lastmod` is the newest date among the page's sources (`PageJob.lastmod`,
set by `render.plan`), never the build date, so an unchanged site gives the same sitemap.

Crawlers read robots.txt only at the root of a host, so it names the sitemap only when the
site is the host root; under a sub-path it says where the sitemap is, for the host's owner
(docs/hosting.md). The internal build asks every robot to stay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .render import PageJob, SiteContext
from .urls import Urls
from .write import OutputFile

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


def machine_files(site: SiteContext, jobs: Sequence[PageJob]) -> list[OutputFile]:
    urls = Urls(site.config.base_url, site.config.language)
    if site.audience != "public":
        return [OutputFile("robots.txt", DISALLOW_ALL, "robots")]
    return [OutputFile("sitemap.xml", sitemap(urls, jobs), "sitemap"), OutputFile("robots.txt", robots(urls), "robots")]


def sitemap(urls: Urls, jobs: Sequence[PageJob]) -> bytes:
    entries = []
    for job in sorted(jobs, key=lambda j: j.path):
        if job.indexable:
            lastmod = f"<lastmod>{job.lastmod.isoformat()}</lastmod>" if job.lastmod else ""
            entries.append(f"<url><loc>{escape(urls.absolute(job.path), quote=False)}</loc>{lastmod}</url>\n")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n' + "".join(entries) + "</urlset>\n"
    ).encode("utf-8")


def robots(urls: Urls) -> bytes:
    location = urls.absolute("sitemap.xml")
    if urls.base_path == "/":
        return f"User-agent: *\nAllow: /\nSitemap: {location}\n".encode()
    return (
        "# Crawlers read robots.txt only at the root of a host, not here. To point them at this\n"
        f"# site's sitemap, add this line to the host root's robots.txt, or submit the sitemap\n"
        f"# in the search engines' webmaster tools:\n# Sitemap: {location}\n"
        "User-agent: *\nAllow: /\n"
    ).encode()
