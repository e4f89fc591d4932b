"""sitemap.xml and robots.txt: what search engines may index.

Only indexable pages of the public build are listed; closed assignments and the 404 page
are not. The internal build asks every robot to stay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .render import PageJob, SiteContext
from .urls import Urls
from .write import OutputFile


def machine_files(site: SiteContext, jobs: Sequence[PageJob]) -> list[OutputFile]:
    urls = Urls(site.config.base_url, site.config.language)
    if site.audience != "public":
        return [OutputFile("robots.txt", b"User-agent: *\nDisallow: /\n", "robots")]
    entries = "".join(f"<url><loc>{escape(urls.absolute(job.path), quote=False)}</loc></url>\n"
                      for job in sorted(jobs, key=lambda j: j.path) if job.indexable)
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
    robots = f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('sitemap.xml')}\n"
    return [OutputFile("sitemap.xml", sitemap.encode("utf-8"), "sitemap"),
            OutputFile("robots.txt", robots.encode("utf-8"), "robots")]
