from .comments import EntryComment
from .entries import (
    EntryPage,
    EntryTag,
    InstitutionVisitPage,
    LabourMarketComparison,
    LessonObservationPage,
    ReflectionPage,
    SeminarNotePage,
)
from .frameworks import Competence, HostInstitution
from .portfolio import PortfolioPage, SelfAssessment
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
