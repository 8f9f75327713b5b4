"""The steps of ``load_demo``, in the order they load.

Each step is a module with two functions, ``load(command)`` and ``reset(command)``; ``command`` is
the running ``load_demo`` (for ``command.stdout`` and ``command.style``; tests may pass None to
``reset``). ``load`` must be idempotent: it leaves what exists as it is, so that running
``load_demo`` again changes nothing. ``reset`` deletes what its ``load`` made; ``load_demo --reset``
runs the resets in reverse order, then every load.

To add a step, write ``demo/<name>.py`` with those two functions and append it to ``STEPS`` after
the steps whose content it needs (most need ``home`` for the founding project and accounts, and
``portfolios`` for the participants' portfolios). Later steps see what earlier ones made; the
results page (``dissemination``) compiles the demo's public material, so a step whose content
should appear on it goes before ``dissemination``.
"""

from demo import (
    dissemination,
    europass,
    evaluation,
    final_report,
    home,
    ideas,
    partners,
    portfolios,
    reminders,
)

STEPS = [
    home,
    portfolios,
    partners,
    ideas,
    reminders,
    evaluation,
    dissemination,
    final_report,
    europass,
]
