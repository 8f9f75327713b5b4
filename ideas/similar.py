"""Ideas with a title like the one being written, so that people join an idea before they
write it again.

On PostgreSQL the titles are compared by trigrams (``pg_trgm``, created by migration 0002),
which forgives typos and word endings. SQLite, the embedded default, has no trigrams: there an
idea is similar when its title shares words of three letters or more, compared case-insensitively
in Python (SQLite's own ``LIKE`` folds ASCII letters only, and ideas are written in Latvian too).

Either way only ideas the user may see are suggested: the same rule as the site, through
``core.visibility.visible_to``. ``SimilarIdeasPanel`` shows the suggestions in the idea editor,
right under the title, as the author types (``ideas/static/ideas/js/similar-ideas.js`` asks the
admin endpoint in ``ideas.admin_views``); the panel lives in ``ideas.panels``, which the models
import, so this module may import the models.
"""

from __future__ import annotations

import re

from django.db import connection

from ideas.models import IdeaPage

MAX_TITLE_LENGTH = 255
MIN_WORD_LENGTH = 3
TRIGRAM_THRESHOLD = 0.15


def title_words(title: str) -> set[str]:
    return {word for word in re.findall(r"\w+", title.casefold()) if len(word) >= MIN_WORD_LENGTH}


def similar_ideas(title: str, user, exclude_pk=None, limit=5, method=None):
    """Up to ``limit`` live ideas ``user`` may see, most similar title first.

    ``method`` is "trigrams" (PostgreSQL only) or "words"; by default, the best the database has.
    """
    title = " ".join(title.split())[:MAX_TITLE_LENGTH]
    if not title_words(title):
        return []
    ideas = IdeaPage.objects.live().visible_to(user)
    if exclude_pk is not None:
        ideas = ideas.exclude(pk=exclude_pk)
    if method is None:
        method = "trigrams" if connection.vendor == "postgresql" else "words"
    if method == "trigrams":
        return _by_trigrams(ideas, title, limit)
    return _by_shared_words(ideas, title, limit)


def _by_trigrams(ideas, title, limit):
    from django.contrib.postgres.search import TrigramSimilarity

    return list(
        ideas.annotate(similarity=TrigramSimilarity("title", title))
        .filter(similarity__gte=TRIGRAM_THRESHOLD)
        .order_by("-similarity", "-first_published_at", "-pk")
        .defer_streamfields()[:limit]
    )


def _by_shared_words(ideas, title, limit):
    wanted = title_words(title)
    ranked = []
    for pk, other_title in ideas.values_list("pk", "title"):
        words = title_words(other_title)
        shared = len(wanted & words)
        if shared:
            # More words in common first; among equals, the title with fewer other words.
            ranked.append((-shared, -shared / len(wanted | words), -pk))
    ranked.sort()
    pks = [-pk for _shared, _ratio, pk in ranked[:limit]]
    found = {idea.pk: idea for idea in IdeaPage.objects.filter(pk__in=pks)}
    return [found[pk] for pk in pks]
