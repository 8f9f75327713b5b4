"""Demo content: the founding project's budget table, planned against actual costs, for its
final report.

The 8056 EUR of the grant agreement, split as a Leonardo da Vinci VETPRO budget of the time was
(travel, subsistence, the organisation of the week and the participants' preparation); the
actual figures are this demo's own, as a coordinator would fill them once the invoices are in.
Loading leaves a table that has lines as it is; resetting removes the founding project's table
and its report builds.
"""

from decimal import Decimal

from demo.home import PROJECT_SLUG
from final_report.models import BudgetLine, FinalReportBuild
from home.models import MobilityProjectPage

Category = BudgetLine.Category

# category, planned, actual, note
LINES = [
    (Category.TRAVEL, "1720.00", "1648.40", "Riga–Florence return flights and transfers, 4 people"),
    (Category.SUBSISTENCE, "5536.00", "5536.00", "7 days in Florence, 4 people"),
    (Category.ORGANISATION, "600.00", "581.25", "Programme of visits arranged by the agency"),
    (
        Category.PREPARATION,
        "200.00",
        "180.00",
        "English and culture sessions before leaving",
    ),
]


def founding_hub():
    return MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()


def load(command):
    hub = founding_hub()
    if hub is None or BudgetLine.objects.filter(hub=hub).exists():
        return
    BudgetLine.objects.bulk_create(
        BudgetLine(
            hub=hub,
            sort_order=order,
            category=category,
            planned_eur=Decimal(planned),
            actual_eur=Decimal(actual),
            note=note,
        )
        for order, (category, planned, actual, note) in enumerate(LINES)
    )


def reset(command):
    BudgetLine.objects.filter(hub__slug=PROJECT_SLUG).delete()
    FinalReportBuild.objects.filter(hub__slug=PROJECT_SLUG).delete()
