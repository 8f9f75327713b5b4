"""Data a journey needs that no person could make through the site, written into the demo
stack's own database through its ``manage.py shell`` (the stack's environment, not this test
process's: the journeys never touch pytest-django's database)."""

from urllib.parse import urlsplit

from tests.journeys.conftest import DemoStack, _run, stack_env


def run_python(stack: DemoStack, code: str):
    """Run ``code`` in ``manage.py shell`` against the stack's database; fail the test if it
    fails, with what it printed in the stack's log."""
    env = stack_env(stack.var_dir, urlsplit(stack.url).port or 80)
    _run(["shell", "--no-startup", "--command", code], env, stack)
