"""The portfolios app in the Wagtail admin: the practice log's views and permission policy
(``practice_log``) and the dashboard panels (``dashboard``). ``portfolios.wagtail_hooks``
registers them.
"""
