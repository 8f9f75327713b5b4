"""The reminders' screens in the Wagtail admin: the rules coordinators set (``rules``), the
outbox (``outbox``), and everyone's preferences for superusers (``preferences``); what they share
is in ``common``. ``reminders.wagtail_hooks`` registers them.

Every view finds its rows through the permission policies of ``reminders.permissions``, so a
coordinator's listing, forms and buttons show only their projects, and a guessed id of another
project's row is a 404. Two actions go beyond the generic views:

- "Run now" on a scheduled rule queues ``reminders.tasks.run_rule_now``, which
  evaluates that rule at once as if its send time had come;
- "Send again" on failed outbox rows puts them back in the queue (pending, no attempts, due now)
  and queues ``reminders.tasks.send_reminder`` for each.

Both ask for confirmation on a page of their own and act on POST only; both queue their tasks
once the transaction has committed, so a worker never looks for a row that is not there yet.
"""
