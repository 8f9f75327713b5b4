"""The one counter behind every default name the factories make up.

Users, ideas and the referees that move ideas along share it, as they did when the builders were
one file, so that no two made-up names collide within a test run.
"""

import itertools

_numbers = itertools.count(1)


def next_number() -> int:
    return next(_numbers)
