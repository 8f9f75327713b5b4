from .comments import EntryComment
from .frameworks import Competence, HostInstitution
from .pages import (
    EntryPage,
    EntryTag,
    InstitutionVisitPage,
    LabourMarketComparison,
    LessonObservationPage,
    PortfolioPage,
    ReflectionPage,
    SelfAssessment,
    SeminarNotePage,
)
from .practice import PracticeLogEntry
from .sharing import PortfolioShareLink

__all__ = [
    "Competence",
    "EntryComment",
    "EntryPage",
    "EntryTag",
    "HostInstitution",
    "InstitutionVisitPage",
    "LabourMarketComparison",
    "LessonObservationPage",
    "PortfolioPage",
    "PortfolioShareLink",
    "PracticeLogEntry",
    "ReflectionPage",
    "SelfAssessment",
    "SeminarNotePage",
]
