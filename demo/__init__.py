"""The founding project's demo content and the ``load_demo`` command: installed in development
and tests, left out of production (``portal/settings/production.py``) unless ``MOBILITAS_DEMO=1``.

``demo/steps.py`` lists, in order, the modules ``load_demo`` runs.
"""
