"""Front-end views of the portfolios app, one module per concern.

``own``: a participant's own corner (``/my/portfolio/``, the quick practice log); ``share_links``:
making share links and what they open (``/share/<token>/``); ``comments``: coordinators' comments
on entries; ``downloads``: the ZIP export and the PDF summary; ``overview``: the coordinators'
project overview. ``responses`` holds what they all answer with.
"""

from portfolios.views.responses import private_response

__all__ = ["private_response"]
