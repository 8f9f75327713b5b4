"""The shape of the code holds (docs/architecture.md, "Which way dependencies point").

Every module of every app is read with ``ast``, imports at any depth included (one inside a
function is a dependency all the same, only a later one), and:

- the core imports no other first-party app;
- the apps depend on each other one way: the app-level import graph has no cycle, and the apps on
  top (the project itself, the demo and the benchmarks) import the others while none imports them;
- inside an app no modules import each other in a circle, except in the apps of ``KNOWN_CYCLES``,
  whose circles are being taken apart now (each leaves the set once it has none).

No database and no Django: the files are read as text.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CORE = "core"
# The Django project (settings, urls, navigation), the demo content and the benchmarks: they may
# import any app; no other app may import them.
ON_TOP = {"portal", "demo", "bench"}
# Apps whose modules still import each other in a circle; remove an app once it has none.
KNOWN_CYCLES: set[str] = set()


def first_party_apps() -> set[str]:
    """Every top-level package of the repository that is a Django app."""
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def modules_of(app: str) -> dict[str, Path]:
    """Dotted module name → file, for every module of ``app`` (migrations included)."""
    modules = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imported_modules(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules ``module`` imports, anywhere in its body, resolved to the most specific name
    in ``known`` where there is one (``from a import b`` names module ``a.b`` if it exists), else
    the dotted name as written."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
    return found


def app_of(module: str, apps: set[str]) -> str | None:
    top = module.split(".")[0]
    return top if top in apps else None


def module_graph(apps: set[str]) -> dict[str, set[str]]:
    """Every first-party module → the first-party modules it imports."""
    files = {name: path for app in apps for name, path in modules_of(app).items()}
    known = set(files)
    graph = {}
    for name, path in files.items():
        imported = imported_modules(name, path, known)
        graph[name] = {target for target in imported if app_of(target, apps) and target != name}
    return graph


def app_graph(modules: dict[str, set[str]], apps: set[str]) -> dict[str, set[str]]:
    """Every app → the other apps its modules import, with the modules that do it."""
    graph = {app: set() for app in apps}
    for module, targets in modules.items():
        for target in targets:
            if app_of(target, apps) != app_of(module, apps):
                graph[app_of(module, apps)].add(app_of(target, apps))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of ``graph`` with more than one node: each is a set of
    nodes that reach each other, i.e. an import cycle (Tarjan's algorithm, without recursion)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            successor = next(successors, None)
            if successor is not None:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


@pytest.fixture(scope="module")
def apps():
    return first_party_apps()


@pytest.fixture(scope="module")
def modules(apps):
    return module_graph(apps)


def imports_between(modules, apps, source_app, target_app):
    return sorted(
        f"{module} imports {target}"
        for module, targets in modules.items()
        if app_of(module, apps) == source_app
        for target in targets
        if app_of(target, apps) == target_app
    )


def test_the_apps_are_found(apps):
    assert {CORE, "home", "portfolios", "ideas", "reminders", "dissemination", "portal"} <= apps


def test_the_core_imports_no_other_app(modules, apps):
    reached = app_graph(modules, apps)[CORE]
    assert not reached, [
        line for app in sorted(reached) for line in imports_between(modules, apps, CORE, app)
    ]


def test_the_apps_depend_on_each_other_one_way(modules, apps):
    graph = app_graph(modules, apps)
    assert cycles(graph) == [], [
        line
        for cycle in cycles(graph)
        for source in sorted(cycle)
        for target in sorted(graph[source] & cycle)
        for line in imports_between(modules, apps, source, target)
    ]


def test_no_app_imports_the_apps_on_top(modules, apps):
    graph = app_graph(modules, apps)
    offending = [
        line
        for source in sorted(apps - ON_TOP)
        for target in sorted(graph[source] & ON_TOP)
        for line in imports_between(modules, apps, source, target)
    ]
    assert offending == []


def test_no_modules_import_each_other_in_a_circle_inside_an_app(modules, apps):
    found = {}
    for app in sorted(apps):
        inside = {
            module: {target for target in targets if app_of(target, apps) == app}
            for module, targets in modules.items()
            if app_of(module, apps) == app
        }
        app_cycles = cycles(inside)
        if app_cycles:
            found[app] = [sorted(cycle) for cycle in app_cycles]
    assert {app: found[app] for app in found if app not in KNOWN_CYCLES} == {}
    # The set only shrinks: an app whose circles are gone leaves it.
    assert set(found) >= KNOWN_CYCLES, f"no cycles left in {sorted(KNOWN_CYCLES - set(found))}"


# The checks themselves, on graphs small enough to see the answer -----------------------------


def test_cycles_finds_a_planted_cycle_and_nothing_in_a_tree():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    two = cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c", "a"}})
    assert sorted(map(sorted, two)) == [["a", "b"], ["c", "d"]]


def test_two_apps_importing_each_other_make_a_cycle_of_apps():
    modules = {"shop.views": {"stock.models"}, "stock.models": {"shop.tax"}, "shop.tax": set()}
    graph = app_graph(modules, {"shop", "stock"})
    assert graph == {"shop": {"stock"}, "stock": {"shop"}}
    assert cycles(graph) == [{"shop", "stock"}]


def test_function_level_and_relative_imports_count(tmp_path):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def f():\n    from shop.views import page\n")
    (package / "views.py").write_text("from . import models\nfrom .models import f\n")
    known = {"shop", "shop.models", "shop.views"}
    models = imported_modules("shop.models", package / "models.py", known)
    views = imported_modules("shop.views", package / "views.py", known)
    assert models == {"shop.views"}
    assert views == {"shop.models"}
    assert cycles({"shop.models": models, "shop.views": views}) == [{"shop.models", "shop.views"}]
