"""htmx on Lantern's pages: one region of a page is swapped in place, and the page works without JavaScript.

The pattern (the catalogue's search page and reading-list editor follow it; do the same elsewhere):

- The template names the region with `{% partialdef name %}` and renders it in place with `{% partial name %}`.
- Links and forms keep their `href` / `action`, so they work without JavaScript; they add `hx-get` or `hx-post`
  with `hx-target` the region. GET requests push the address (`hx-push-url`), so it stays shareable.
- The view answers an htmx request with `render_region` (the region alone) and any other request with the
  whole page. After a POST, a page without JavaScript is redirected (post/redirect/get); htmx gets the region,
  with what happened in a status line inside it, never a flash message (it would wait for the next page).
- Bad input comes back with status 400 and the form's messages; base.html's `htmx-config` lets htmx swap 400
  answers (and only those of the 4xx). Any other failure reloads the page the ordinary way
  (lantern/static/lantern/regions.js), which also moves focus to the region after a click.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_region_request(request) -> bool:
    """An htmx request for one region. Restoring history (the back button, htmx's cache cold) needs the page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and not htmx.boosted


def vary_on_htmx(response):
    """The same address answers with a region or a page: caches must tell them apart."""
    patch_vary_headers(response, ("HX-Request",))
    return response


def render_region(request, template: str, region: str, context: dict, *, status: int = 200):
    """The `region` partial of `template` for htmx, the whole page otherwise."""
    name = f"{template}#{region}" if is_region_request(request) else template
    return vary_on_htmx(render(request, name, context, status=status))
