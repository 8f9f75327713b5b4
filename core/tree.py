"""Paths in Wagtail's page tree, for code that inserts pages in bulk.

Wagtail keeps its pages in a treebeard materialised-path tree: a page's ``path`` is its parent's
path followed by one fixed-width step per level, written in treebeard's alphabet. ``add_child``
works the path out for one page at a time, which is far too slow for the thousands of pages the
test factories and the benchmarks (``bench``) insert with ``bulk_create``; they ask here instead.
"""

from wagtail.models import Page


def child_path(parent: Page, position: int) -> str:
    """The ``path`` of ``parent``'s ``position``-th child, counting from 1.

    The caller keeps ``depth`` (``parent.depth + 1``) and ``parent.numchild`` right.
    """
    alphabet, width = Page.alphabet, Page.steplen
    most = len(alphabet) ** width - 1
    if not 1 <= position <= most:
        raise ValueError(f"A page's children are numbered 1 to {most}, not {position}.")
    step = ""
    while position:
        position, digit = divmod(position, len(alphabet))
        step = alphabet[digit] + step
    return parent.path + step.rjust(width, alphabet[0])
