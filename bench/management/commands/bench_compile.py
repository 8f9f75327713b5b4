"""Time the results compile at three sizes of synthetic project, up to 1,000 participants with
100 entries each and 10,000 ideas.

Each size is built in the configured database with bulk inserts (page rows with
``bulk_create``, each page type's own table with one multi-row insert, as ``loaddata`` saves a
child table), compiled, timed and then rolled back, so the database is left as it was. Run it on
PostgreSQL for numbers that mean something:

    DATABASE_URL=postgres://… manage.py bench_compile
"""

import datetime
import logging
import time
import uuid

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from core.tree import child_path

ENTRIES_PER_PARTICIPANT = 100
LOG_ROWS_PER_PARTICIPANT = 20
IDEAS_PER_PARTICIPANT = 10
OBJECTIVES = 9
COMPETENCES = 6
SIZES = (10, 100, 1000)
TARGET_SECONDS = 10
LEVELS = ["public", "project", "registered", "private"]
START = datetime.date(2010, 10, 24)


class Rollback(Exception):
    """Raised to undo a size's synthetic data once it has been measured."""


def insert_pages(model, placed):
    """Insert live pages of ``model`` in bulk: ``placed`` holds (parent, position, fields).

    Parents' ``numchild`` is the caller's to set.
    """
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    pages = []
    for parent, position, fields in placed:
        slug = fields.pop("slug")
        pages.append(
            model(
                slug=slug,
                draft_title=fields["title"],
                content_type=content_type,
                path=child_path(parent, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                translation_key=uuid.uuid4(),
                **fields,
            )
        )
    base_rows = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields})
            for p in pages
        ],
        batch_size=2000,
    )
    chain = [m for m in reversed(model._meta.get_parent_list()) if m is not Page] + [model]
    for page, row in zip(pages, base_rows, strict=True):
        for level in chain:
            setattr(page, level._meta.pk.attname, row.pk)
        page.page_ptr_id = row.pk
    for level in chain:
        fields = level._meta.local_concrete_fields
        for start in range(0, len(pages), 2000):
            level._base_manager._insert(pages[start : start + 2000], fields=fields)
    return pages


def add_children(model, parent, rows):
    """``rows`` as the next children of ``parent``."""
    pages = insert_pages(
        model, [(parent, parent.numchild + n + 1, fields) for n, fields in enumerate(rows)]
    )
    parent.numchild += len(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    return pages


class Command(BaseCommand):
    help = "Time the results compile on synthetic projects of three sizes (data rolled back)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default=",".join(str(size) for size in SIZES),
            help="Participants per size, comma-separated (default: 10,100,1000).",
        )

    def handle(self, *args, sizes, **options):
        try:
            sizes = [int(size) for size in sizes.split(",")]
        except ValueError as exc:
            raise CommandError("--sizes takes whole numbers, e.g. 10,100,1000") from exc
        # One line per page created or edited would bury the table.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        logging.getLogger("reminders").setLevel(logging.ERROR)
        self.stdout.write(f"Database: {connection.vendor}")
        header = (
            f"{'participants':>12} {'entries':>8} {'ideas':>6} {'log rows':>8} "
            f"{'build s':>8} {'sections s':>10} {'compile s':>9} {'ms / 1k rows':>12}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        results = []
        for participants in sizes:
            row = self.measure(participants)
            results.append(row)
            rows = row["entries"] + row["ideas"] + row["log_rows"]
            self.stdout.write(
                f"{participants:>12} {row['entries']:>8} {row['ideas']:>6} {row['log_rows']:>8} "
                f"{row['build']:>8.1f} {row['sections']:>10.2f} {row['compile']:>9.2f} "
                f"{1000 * row['compile'] / rows:>12.2f}"
            )
        largest = results[-1]
        verdict = "meets" if largest["compile"] < TARGET_SECONDS else "MISSES"
        self.stdout.write(
            f"Largest size: {largest['compile']:.2f} s, "
            f"which {verdict} the {TARGET_SECONDS} s target."
        )

    def measure(self, participants):
        from dissemination.compile import build_sections, compile_results, ensure_results_page

        row = {}
        try:
            with transaction.atomic():
                started = time.perf_counter()
                hub, counts = self.build(participants)
                row.update(counts)
                row["build"] = time.perf_counter() - started
                if connection.vendor == "postgresql":
                    # A database that grew this big has planner statistics; bulk inserts made
                    # a moment ago do not, and without them PostgreSQL plans for empty tables.
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                page = ensure_results_page(hub)

                started = time.perf_counter()
                build_sections(hub)
                row["sections"] = time.perf_counter() - started

                started = time.perf_counter()
                outcome = compile_results(page.pk)
                row["compile"] = time.perf_counter() - started
                if outcome.state != "compiled":
                    raise CommandError(f"The compile ended {outcome.state}: {outcome.message}")
                raise Rollback
        except Rollback:
            pass
        return row

    def build(self, participants):
        from home.models import HomePage, MobilityProjectPage, ProjectIndexPage, ProjectObjective
        from ideas.models import IdeaIndexPage, IdeaPage
        from portfolios.models import (
            Competence,
            EntryPage,
            HostInstitution,
            InstitutionVisitPage,
            LabourMarketComparison,
            LessonObservationPage,
            PortfolioPage,
            PracticeLogEntry,
            ReflectionPage,
            SelfAssessment,
            SeminarNotePage,
        )

        marker = uuid.uuid4().hex[:8]
        home = HomePage.objects.filter(depth=2).order_by("path").first()
        if home is None:
            raise CommandError("There is no home page: run migrate first.")
        index = ProjectIndexPage.objects.child_of(home).first() or home.add_child(
            instance=ProjectIndexPage(title="Projects", slug="projects")
        )
        hub = index.add_child(
            instance=MobilityProjectPage(
                title=f"Bench {marker}",
                slug=f"bench-{marker}",
                programme="Erasmus+",
                sending_institution_name="Bench school",
                host_city="Florence",
                host_country="Italy",
                start_date=START,
                end_date=START + datetime.timedelta(days=6),
            )
        )
        objectives = ProjectObjective.objects.bulk_create(
            ProjectObjective(page=hub, number=n, text=f"Objective {n}", sort_order=n)
            for n in range(1, OBJECTIVES + 1)
        )
        competences = [
            Competence.objects.create(name=f"Bench competence {n} {marker}")
            for n in range(COMPETENCES)
        ]
        hosts = [
            HostInstitution.objects.create(name=f"Bench host {n} {marker}", city="Florence")
            for n in range(5)
        ]
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-{marker}-{n}", first_name="Bench", last_name=str(n))
            for n in range(participants)
        )
        portfolios = add_children(
            PortfolioPage,
            hub,
            [
                {
                    "title": f"Participant {n}",
                    "slug": f"participant-{n}",
                    "participant_id": user.pk,
                    "owner_id": user.pk,
                    "project_id": hub.pk,
                    "visibility": LEVELS[n % 4],
                    "practice_log_visibility": LEVELS[(n // 4) % 4],
                }
                for n, user in enumerate(users)
            ],
        )
        SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(
                    portfolio_id=portfolio.pk,
                    competence=competence,
                    level_before=1 + (n + c) % 3,
                    level_after=3 + (n + c) % 3 if n % 5 else None,
                    sort_order=c,
                )
                for n, portfolio in enumerate(portfolios)
                for c, competence in enumerate(competences)
            ),
            batch_size=5000,
        )
        PracticeLogEntry.objects.bulk_create(
            (
                PracticeLogEntry(
                    portfolio_id=portfolio.pk,
                    date=START + datetime.timedelta(days=r % 7),
                    minutes=15 + (n + r) % 60,
                    skill=PracticeLogEntry.Skill.values[r % 5],
                    activity="conversation",
                    level="B1",
                )
                for n, portfolio in enumerate(portfolios)
                for r in range(LOG_ROWS_PER_PARTICIPANT)
            ),
            batch_size=5000,
        )

        kinds = [SeminarNotePage, LessonObservationPage, InstitutionVisitPage, ReflectionPage]
        placed = {kind: [] for kind in kinds}
        for n, portfolio in enumerate(portfolios):
            for e in range(ENTRIES_PER_PARTICIPANT):
                kind = kinds[e % 4]
                fields = {
                    "title": f"Entry {e} of participant {n}",
                    "slug": f"entry-{e}",
                    "owner_id": portfolio.participant_id,
                    "portfolio_id": portfolio.pk,
                    "date": START + datetime.timedelta(days=e % 7),
                    "visibility": LEVELS[(e // 4) % 4],
                }
                if kind is SeminarNotePage:
                    fields.update(seminar_title=f"Seminar {e % 12}", organiser="Regional office")
                elif kind is LessonObservationPage:
                    fields.update(subject="Mechanics", host_institution_id=hosts[e % 5].pk)
                elif kind is InstitutionVisitPage:
                    fields.update(host_institution_id=hosts[e % 5].pk)
                else:
                    fields["body"] = [("text", f"<p>Reflection {e} of participant {n}.</p>")]
                placed[kind].append((portfolio, e + 1, fields))
        entries = [(kind, page) for kind in kinds for page in insert_pages(kind, placed[kind])]
        Page.objects.filter(pk__in=[p.pk for p in portfolios]).update(
            numchild=ENTRIES_PER_PARTICIPANT
        )
        through = EntryPage.objectives.through
        through.objects.bulk_create(
            (
                through(entrypage_id=page.pk, projectobjective_id=objectives[i % OBJECTIVES].pk)
                for i, (_kind, page) in enumerate(entries)
                if i % 3
            ),
            batch_size=5000,
        )
        visits = [page for kind, page in entries if kind is InstitutionVisitPage]
        LabourMarketComparison.objects.bulk_create(
            (
                LabourMarketComparison(
                    visit_id=visit.pk,
                    occupation=f"Occupation {i % 40}",
                    host_requirement="CAD/CAM",
                    home_requirement="Basic CNC",
                    implication="Add a module" if i % 2 else "",
                    sort_order=0,
                )
                for i, visit in enumerate(visits)
            ),
            batch_size=5000,
        )

        idea_index = IdeaIndexPage.objects.first() or home.add_child(
            instance=IdeaIndexPage(title="Ideas", slug="ideas")
        )
        statuses = ["draft", "proposed", "under_review", "shortlisted", "funded", "not_funded"]
        ideas = add_children(
            IdeaPage,
            idea_index,
            [
                {
                    "title": f"Bench idea {i} {marker}",
                    "slug": f"bench-idea-{marker}-{i}",
                    "owner_id": users[i % participants].pk,
                    "summary": "A bench idea",
                    "project_id": hub.pk,
                    "status": statuses[i % len(statuses)],
                    "visibility": LEVELS[(i // 6) % 4],
                    "effective_visibility": (
                        "private"
                        if statuses[i % len(statuses)] == "draft"
                        else LEVELS[(i // 6) % 4]
                    ),
                }
                for i in range(participants * IDEAS_PER_PARTICIPANT)
            ],
        )
        inspired = IdeaPage.inspired_by.through
        inspired.objects.bulk_create(
            (
                inspired(ideapage_id=idea.pk, entrypage_id=entries[(i * 7) % len(entries)][1].pk)
                for i, idea in enumerate(ideas)
            ),
            batch_size=5000,
        )
        return hub, {
            "entries": len(entries),
            "ideas": len(ideas),
            "log_rows": participants * LOG_ROWS_PER_PARTICIPANT,
        }
