"""Small repairs to the theme's own markup so every built page is valid HTML (Nu HTML Checker).

Material 9 writes three things the HTML standard does not allow and one that accessibility checkers
flag, and Zensical's copy of the theme one more; each is fixed on the built page with a narrow
pattern that touches only the theme's markup, never page content.
"""

from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes (Material's drawer and search toggles).
_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)
# An empty `tabindex` is not an integer (Material's navigation section labels).
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')
# The table-of-contents title points at a toggle that pages without a TOC do not have.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# Zensical hides the drawer's overlay label from assistive technology, which a label of a form
# control may not be (Material's own overlay has no aria-hidden).
_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
# The search overlay is a dialog without an accessible name (WCAG 4.1.2; axe/Lighthouse
# "aria-dialog-name").
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def repair_theme_markup(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = html.replace(_HIDDEN_OVERLAY, '<label class="md-overlay" for="__drawer">')
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">')
