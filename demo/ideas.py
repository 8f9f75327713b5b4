"""Demo content of the ideas app: the Ideas database the founding project promised (objective 9).

Thirteen proposals the four Florence participants wrote in the months after the visit (October
2010), at every step of the status path, with the supports, comments and coordinator decisions
that brought them there. Everything an idea goes through after it is written is done by
``ideas.actions``, as the site does it, by the user who would have done it: authors propose, the
demo coordinator moves ideas on and hides a comment. The dates are then set back to 2010–2011, so
that the timeline, the listing's year facet and "newest first" read as the project's history.

The ideas, their authors and the decisions are fictional; the need each answers comes from the
project's real background (the Daugavpils competence centre, the ERDF and ESF projects ahead, a
school with two methodologists). Each idea, and the idea database itself, has a Latvian
translation (``demo.ideas_latvian``), so that /lv/ideas/ lists them in Latvian; the timeline,
supports and comments are the idea's own, in the words their writers used.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import F
from wagtail.models import Locale, Page, PageLogEntry, Revision

from core.visibility import Visibility
from demo import ideas_latvian
from demo.home import PROJECT_SLUG, _publish, _translation
from demo.portfolios import HOSTS
from home.models import MobilityProjectPage
from ideas import actions
from ideas.models import (
    FundingProgramme,
    IdeaComment,
    IdeaIndexPage,
    IdeaPage,
    IdeaStatus,
    IdeaSupport,
    StatusChange,
)
from portfolios.models import EntryPage, HostInstitution

RIGA = ZoneInfo("Europe/Riga")
D = datetime.date
S = IdeaStatus
P = FundingProgramme

INDEX = {
    "en": {
        "intro": (
            "<p>The Ideas database holds proposals for new projects that grew out of our "
            "mobility projects. Browse them by status, programme or tag, tell the authors you "
            "would join the ones you want to work on, and discuss them.</p>"
        ),
    },
    "lv": {
        "title": "Idejas",
        "intro": (
            "<p>Ideju datu bāzē ir jaunu projektu priekšlikumi, kas radušies mūsu mobilitātes "
            "projektos. Meklējiet tos pēc statusa, programmas vai birkas, pastāstiet autoriem, "
            "kurās idejās jūs gribētu piedalīties, un apspriediet tās.</p>"
        ),
    },
}

ISTITUTO, CENTRO, OFFICINE = (name for name, _kind in HOSTS)

# Entries of the demo portfolios (demo.portfolios), as (portfolio slug, entry slug).
ANNA_SEMINAR = ("anna-kalnina", "seminar-quality-assurance")
ANNA_LESSON = ("anna-kalnina", "observed-lesson")
ANNA_VISIT = ("anna-kalnina", "institution-visit")
JANIS_LESSON = ("janis-ozols", "observed-lesson")
JANIS_VISIT = ("janis-ozols", "institution-visit")
LIGA_SEMINAR = ("liga-berzina", "seminar-quality-assurance")
LIGA_LESSON = ("liga-berzina", "observed-lesson")
LIGA_VISIT = ("liga-berzina", "institution-visit")
PETERIS_VISIT = ("peteris-vitols", "institution-visit")


@dataclass(frozen=True)
class Step:
    """A move along the status path; who takes it follows from the path (``actions``)."""

    status: str
    on: datetime.date
    comment: str = ""


@dataclass(frozen=True)
class Remark:
    author: str
    on: datetime.date
    body: str
    hidden_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoIdea:
    slug: str
    title: str
    owner: str
    written: datetime.date
    summary: str
    need: str
    target_group: str
    activities: str
    programme: str
    budget: int
    duration_months: int
    visibility: str
    tags: tuple[str, ...]
    co_authors: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    inspired_by: tuple[tuple[str, str], ...] = ()
    steps: tuple[Step, ...] = ()
    supporters: tuple[tuple[str, datetime.date], ...] = ()
    remarks: tuple[Remark, ...] = ()


IDEAS = [
    DemoIdea(
        slug="metalworking-teacher-exchange-florence",
        title="Metalworking teacher exchange with a Florentine technical school",
        owner="participant1",
        co_authors=("participant4",),
        written=D(2010, 11, 8),
        summary=(
            "Two-week placements for six of our metalworking and mechanics teachers at the "
            "technical school we visited in Florence, and a return visit by two Italian teachers "
            "to Daugavpils, so that both schools teach CNC machining and CAD/CAM the way "
            "companies now work."
        ),
        need=(
            "In Florence we saw second-year students program CNC machines from their own CAD "
            "drawings and present the parts to a real customer. Our metalworking programme still "
            "teaches drawing and machining as separate subjects, and employers in Daugavpils tell "
            "us they need both together. Our teachers need to see and practise this in a working "
            "school before the new competence centre opens its workshops."
        ),
        target_group="Teachers of metalworking and mechanics at the Daugavpils competence centre",
        activities=(
            "<ol><li>Preparation: English for the workshop and a list of topics agreed with the "
            "Italian school.</li>"
            "<li>Two groups of three teachers, two weeks each, teaching alongside Italian "
            "colleagues.</li>"
            "<li>A week of joint lessons in Daugavpils with two Italian teachers.</li>"
            "<li>New CAD/CAM lesson plans shared on Mobilitas with the region's schools.</li></ol>"
        ),
        programme=P.ERASMUS_KA1,
        budget=21_400,
        duration_months=18,
        visibility=Visibility.PUBLIC,
        tags=("metalworking", "mobility", "competence centre"),
        partners=(ISTITUTO, OFFICINE),
        inspired_by=(ANNA_VISIT, ANNA_LESSON, PETERIS_VISIT),
        steps=(
            Step(S.PROPOSED, D(2010, 11, 8), "Written on the way home from Florence."),
            Step(
                S.UNDER_REVIEW, D(2010, 11, 22), "On the agenda of the project team on 25 November."
            ),
            Step(
                S.SHORTLISTED,
                D(2010, 12, 6),
                "Chosen for the 2011 mobility call. Anna and Pēteris write the application.",
            ),
            Step(
                S.IN_APPLICATION,
                D(2011, 2, 11),
                "Sent to the national agency as a Leonardo da Vinci mobility project.",
            ),
            Step(
                S.FUNDED,
                D(2011, 6, 16),
                "Granted in full, 21,400 EUR. The first group goes to Florence in October 2011.",
            ),
        ),
        supporters=(
            ("participant2", D(2010, 11, 9)),
            ("participant3", D(2010, 11, 10)),
            ("coordinator", D(2010, 11, 22)),
            ("teacher", D(2010, 12, 14)),
        ),
        remarks=(
            Remark(
                "teacher",
                D(2010, 12, 14),
                "Rēzekne has two metalworking teachers who would gladly join the second group. "
                "Is there room for teachers from other Latgale schools?",
            ),
            Remark(
                "participant1",
                D(2010, 12, 15),
                "Yes: we keep one place in each group for a teacher from another school in the "
                "region. Write to me and I will add your colleagues to the list.",
            ),
            Remark(
                "coordinator",
                D(2011, 6, 16),
                "Congratulations to the whole team. The grant agreement is signed; the travel "
                "dates follow next week.",
            ),
        ),
    ),
    DemoIdea(
        slug="quality-self-assessment-tool",
        title="A quality self-assessment tool for the new competence centre",
        owner="participant3",
        co_authors=("participant2",),
        written=D(2010, 11, 15),
        summary=(
            "A yearly self-assessment of the competence centre, built with an Italian training "
            "centre and a third partner: a short questionnaire for teachers, learners and "
            "employers, a scoring guide and an online summary the management can act on."
        ),
        need=(
            "The Florentine centres we visited assess themselves every year against a few clear "
            "indicators, and employers help to set the goals. Our school is merging with "
            "Daugavpils vocational secondary school No. 1 into a regional competence centre and "
            "has no common way yet to see what works and what does not. Accreditation every six "
            "years is too rare to steer by."
        ),
        target_group=(
            "Management, methodologists and teachers of VET competence centres; employers on "
            "their councils"
        ),
        activities=(
            "<ul><li>Compare the partners' quality frameworks with the EQAVET indicators.</li>"
            "<li>Write the questionnaire and scoring guide together and test them in both "
            "schools.</li>"
            "<li>Build a simple online summary of the results.</li>"
            "<li>Train the management teams; publish the tool in Latvian, Italian and "
            "English.</li></ul>"
        ),
        programme=P.ERASMUS_KA2,
        budget=118_500,
        duration_months=24,
        visibility=Visibility.PUBLIC,
        tags=("quality", "competence centre", "self-assessment"),
        partners=(CENTRO,),
        inspired_by=(ANNA_SEMINAR, LIGA_SEMINAR, JANIS_VISIT),
        steps=(
            Step(
                S.PROPOSED,
                D(2010, 11, 15),
                "Proposed after comparing our notes from the quality assurance seminar.",
            ),
            Step(
                S.UNDER_REVIEW,
                D(2010, 11, 29),
                "The director wants to see how it fits the timetable of the merger.",
            ),
            Step(
                S.SHORTLISTED,
                D(2011, 1, 17),
                "It fits the competence centre's development plan. We still need a partner "
                "from a third country.",
            ),
        ),
        supporters=(
            ("participant1", D(2010, 11, 16)),
            ("participant4", D(2010, 11, 18)),
            ("teacher", D(2010, 11, 20)),
        ),
        remarks=(
            Remark(
                "participant2",
                D(2010, 11, 17),
                "The Florentine centre's questionnaire had only twenty questions and took ten "
                "minutes. Let us keep ours as short.",
            ),
            Remark(
                "teacher",
                D(2010, 11, 21),
                "If you need someone who knows ISO 9001, ring my colleague on her private mobile, "
                "+371 2000 0000, any evening after eight.",
                hidden_on=D(2010, 11, 22),
            ),
        ),
    ),
    DemoIdea(
        slug="english-practice-circle",
        title="English for VET teachers: a weekly practice circle",
        owner="participant4",
        co_authors=("participant1",),
        written=D(2010, 11, 3),
        summary=(
            "An hour a week of spoken English for teachers who want to take part in "
            "international projects, led by our English teachers, with short talks by members "
            "about their own subjects and visits."
        ),
        need=(
            "In Florence the four of us understood the seminars but found it hard to join the "
            "discussion. Many colleagues have never applied for a mobility because of their "
            "English. A circle that meets every week costs little and keeps the practice going "
            "after a visit ends."
        ),
        target_group="Teachers and staff of the school with A2–B1 English",
        activities=(
            "<ul><li>One-hour meetings every week from February to June 2011.</li>"
            "<li>Each member gives a five-minute talk about their subject or a visit.</li>"
            "<li>A shared vocabulary list for workshops and project meetings.</li>"
            "<li>Members keep their English-practice log on Mobilitas.</li></ul>"
        ),
        programme=P.OTHER,
        budget=2_400,
        duration_months=5,
        visibility=Visibility.PUBLIC,
        tags=("english", "teacher training"),
        inspired_by=(ANNA_SEMINAR,),
        steps=(
            Step(S.PROPOSED, D(2010, 11, 3), "A small idea we could start straight away."),
            Step(S.UNDER_REVIEW, D(2010, 11, 10)),
            Step(
                S.SHORTLISTED,
                D(2010, 11, 24),
                "Cheap and useful: the school can pay for it from its own budget.",
            ),
            Step(
                S.IN_APPLICATION,
                D(2010, 12, 8),
                "Asked the director for 2,400 EUR from the 2011 staff-training budget.",
            ),
            Step(S.FUNDED, D(2011, 1, 12), "Approved. The first meeting is on 2 February."),
            Step(
                S.ARCHIVED,
                D(2011, 6, 30),
                "Done: 18 meetings, 14 regular members. From the autumn it is an ordinary staff "
                "activity.",
            ),
        ),
        supporters=(
            ("participant2", D(2010, 11, 4)),
            ("participant3", D(2010, 11, 4)),
            ("teacher", D(2010, 11, 5)),
        ),
        remarks=(
            Remark(
                "teacher",
                D(2010, 11, 5),
                "Could teachers from other schools in Daugavpils join by video link?",
            ),
            Remark(
                "participant4",
                D(2010, 11, 6),
                "We will try: the first meetings will be open to other schools by video link.",
            ),
        ),
    ),
    DemoIdea(
        slug="esf-active-teaching-methods",
        title="Active teaching methods across the competence centre (ESF)",
        owner="participant3",
        co_authors=("participant2",),
        written=D(2010, 12, 1),
        summary=(
            "A European Social Fund project that trains the competence centre's teachers in "
            "project-based, work-related teaching, with lessons observed and discussed in pairs "
            "and new teaching materials for its five programme areas."
        ),
        need=(
            "The lessons we observed in Florence were built around real customer briefs, and "
            "the students explained their work to the customer. The ESF teaching-methods project "
            "in the regional strategy is our chance to bring this to every programme of the new "
            "centre (mechanical engineering and metalworking, mechanics, energy, electronics and "
            "automation, ICT), but only if the project is ready when the call opens."
        ),
        target_group="About 120 teachers of the competence centre's five programme areas",
        activities=(
            "<ol><li>A training course on project-based learning in three modules.</li>"
            "<li>Peer observation in pairs across departments, with one observation form.</li>"
            "<li>New teaching materials for the five programme areas, tried with learners.</li>"
            "<li>A closing conference for the VET schools of Latgale.</li></ol>"
        ),
        programme=P.ESF,
        budget=210_000,
        duration_months=30,
        visibility=Visibility.PUBLIC,
        tags=("teaching methods", "competence centre", "quality"),
        inspired_by=(ANNA_LESSON, LIGA_LESSON),
        steps=(
            Step(S.PROPOSED, D(2010, 12, 1)),
            Step(S.UNDER_REVIEW, D(2010, 12, 13), "Checked against the draft ESF call: eligible."),
            Step(
                S.SHORTLISTED,
                D(2011, 1, 17),
                "Shortlisted with the quality self-assessment tool; each helps the other.",
            ),
            Step(
                S.IN_APPLICATION,
                D(2011, 4, 29),
                "Application submitted; the decision is expected in the autumn.",
            ),
        ),
        supporters=(
            ("participant1", D(2010, 12, 2)),
            ("coordinator", D(2010, 12, 13)),
            ("teacher", D(2011, 1, 20)),
        ),
        remarks=(
            Remark(
                "teacher",
                D(2011, 1, 20),
                "We tried peer observation at our school last year. It worked best when each "
                "pair agreed before the lesson what to look at.",
            ),
        ),
    ),
    DemoIdea(
        slug="labour-market-monitoring-employers",
        title="Labour-market monitoring with Daugavpils employers",
        owner="participant2",
        co_authors=("participant3",),
        written=D(2010, 11, 22),
        summary=(
            "Twice a year, ask the region's employers which skills they miss, compare the "
            "answers with what our programmes teach, and publish a short report that the "
            "competence centre uses to update its programmes."
        ),
        need=(
            "In Italy employers tell the schools every year which skills they need, and the "
            "schools adjust. We found real gaps: there a CNC machine operator needs CAD/CAM "
            "skills and two languages, here basic CNC programming is enough. Without regular "
            "word from employers we learn about such gaps years too late."
        ),
        target_group=(
            "Programme managers of Latgale VET schools; employers in mechanical engineering, "
            "energy and ICT"
        ),
        activities=(
            "<ul><li>A short questionnaire and interviews with 40 employers, twice a year.</li>"
            "<li>A table comparing employers' needs with our programmes, like the one we used "
            "in Florence.</li>"
            "<li>A round table with employers and the city council every year.</li>"
            "<li>A public report on Mobilitas.</li></ul>"
        ),
        programme=P.NATIONAL,
        budget=14_500,
        duration_months=12,
        visibility=Visibility.PUBLIC,
        tags=("labour market", "employers", "competence centre"),
        inspired_by=(ANNA_VISIT, JANIS_VISIT),
        steps=(
            Step(S.PROPOSED, D(2010, 11, 22)),
            Step(
                S.UNDER_REVIEW,
                D(2011, 2, 7),
                "Waiting to hear whether the city's development agency will share the cost.",
            ),
        ),
        supporters=(
            ("participant1", D(2010, 11, 23)),
            ("participant4", D(2010, 11, 25)),
        ),
        remarks=(
            Remark(
                "participant4",
                D(2010, 11, 25),
                "The employers' association already surveys its members every spring. We could "
                "ask to add our questions instead of starting a survey of our own.",
            ),
        ),
    ),
    DemoIdea(
        slug="job-shadowing-tourism-hospitality",
        title="Job shadowing in Florence for tourism and hospitality teachers",
        owner="participant3",
        written=D(2011, 3, 14),
        summary=(
            "A week of job shadowing in Florentine hotels and a hospitality school for four "
            "teachers of tourism and catering from Latgale, to see how work placements are "
            "organised and assessed in a city that lives from its visitors."
        ),
        need=(
            "Latgale's lakes and the Daugavpils fortress bring more visitors every year, but "
            "local hotels say young staff lack practical service skills and languages. Our visit "
            "showed how closely Florentine schools work with companies; teachers of tourism and "
            "catering were not with us, and they should see it too."
        ),
        target_group="Teachers of tourism, hospitality and catering in Latgale VET schools",
        activities=(
            "<ul><li>Three days of job shadowing in two hotels and a restaurant.</li>"
            "<li>Two days at a hospitality school: placement contracts, assessment sheets, "
            "lessons.</li>"
            "<li>A placement assessment sheet adapted for Latvian employers.</li></ul>"
        ),
        programme=P.ERASMUS_KA1,
        budget=16_800,
        duration_months=12,
        visibility=Visibility.PUBLIC,
        tags=("mobility", "hospitality", "english"),
        partners=(CENTRO,),
        inspired_by=(LIGA_VISIT, ANNA_SEMINAR),
        steps=(Step(S.PROPOSED, D(2011, 3, 21), "Ready for the next mobility call."),),
        supporters=(("teacher", D(2011, 3, 22)),),
        remarks=(
            Remark(
                "teacher",
                D(2011, 3, 22),
                "I teach catering in Krāslava and would apply straight away.",
            ),
        ),
    ),
    DemoIdea(
        slug="e-portfolios-for-vet-learners",
        title="E-portfolios for VET learners",
        owner="participant4",
        co_authors=("participant1",),
        written=D(2010, 11, 29),
        summary=(
            "Every learner keeps an online portfolio of their practical work (photos, drawings, "
            "employers' feedback) that stays theirs after they finish school and that they can "
            "show at a job interview; with partner schools in Italy and Lithuania."
        ),
        need=(
            "Keeping our own portfolios in Florence showed how much easier it is to remember "
            "and show what you have learned. Our learners leave with a certificate but nothing "
            "that shows their real work, and employers ask for exactly that."
        ),
        target_group="Learners in ICT, electronics and metalworking, and their teachers",
        activities=(
            "<ul><li>Choose and set up an open-source e-portfolio system.</li>"
            "<li>A school-year pilot with four groups of learners in three countries.</li>"
            "<li>A teachers' guide to assessing portfolio work.</li></ul>"
        ),
        programme=P.ERASMUS_KA2,
        budget=87_000,
        duration_months=24,
        visibility=Visibility.REGISTERED,
        tags=("e-portfolio", "ict", "teaching methods"),
        partners=(ISTITUTO,),
        inspired_by=(ANNA_SEMINAR, PETERIS_VISIT),
        steps=(
            Step(S.PROPOSED, D(2010, 11, 29)),
            Step(S.UNDER_REVIEW, D(2010, 12, 13)),
            Step(S.SHORTLISTED, D(2011, 1, 17)),
            Step(
                S.IN_APPLICATION,
                D(2011, 2, 25),
                "Submitted as a Leonardo da Vinci partnership with Florence and Kaunas.",
            ),
            Step(
                S.NOT_FUNDED,
                D(2011, 7, 20),
                "Not selected this year: the evaluators liked the idea but found the work plan "
                "too thin.",
            ),
        ),
        supporters=(
            ("participant3", D(2010, 11, 30)),
            ("teacher", D(2010, 12, 1)),
        ),
        remarks=(
            Remark(
                "coordinator",
                D(2011, 7, 20),
                "Thank you all for the work on it. The evaluators' comments are in the project "
                "folder; let us meet in September and decide whether to try again.",
            ),
        ),
    ),
    DemoIdea(
        slug="latgale-competence-centre-network",
        title="A network of VET competence centres in Latgale",
        owner="participant3",
        co_authors=("participant1", "participant2"),
        written=D(2011, 1, 24),
        summary=(
            "Link the new competence centres and vocational schools of Latgale so that they "
            "share workshops, teachers, placement companies and project experience instead of "
            "competing for the same learners."
        ),
        need=(
            "Several competence centres are being built in the region at once. In Tuscany we "
            "saw training centres share equipment and specialist teachers across a province. "
            "With only two methodologists writing projects at our school, sharing project "
            "know-how between schools would help everyone."
        ),
        target_group="Directors and methodologists of VET schools and centres in Latgale",
        activities=(
            "<ul><li>A cooperation agreement and a yearly meeting of directors.</li>"
            "<li>A shared calendar of workshops open to other schools' learners.</li>"
            "<li>A pool of project writers who help with each other's applications.</li></ul>"
        ),
        programme=P.NATIONAL,
        budget=42_000,
        duration_months=36,
        visibility=Visibility.PROJECT,
        tags=("competence centre", "cooperation"),
        inspired_by=(JANIS_VISIT, LIGA_VISIT),
        steps=(Step(S.PROPOSED, D(2011, 1, 24)),),
        supporters=(
            ("participant4", D(2011, 1, 25)),
            ("coordinator", D(2011, 1, 26)),
        ),
        remarks=(
            Remark(
                "participant4",
                D(2011, 1, 25),
                "The ICT teachers of three schools already share exam tasks informally; that "
                "could be the first working group.",
            ),
        ),
    ),
    DemoIdea(
        slug="cad-cam-workshop",
        title="A CAD/CAM workshop for the metalworking programme",
        owner="participant1",
        co_authors=("participant2",),
        written=D(2010, 11, 10),
        summary=(
            "Equip a workshop with twelve CAD workstations and two CNC machining centres at the "
            "competence centre, and add a CAD/CAM module to the metalworking programme."
        ),
        need=(
            "The labour-market comparison we made in Florence was clear: there a CNC machine "
            "operator needs certified CAD/CAM skills, while our learners practise basic CNC "
            "programming on old machines. The ERDF money for the competence centre's equipment "
            "is the moment to change this."
        ),
        target_group=(
            "Metalworking and mechanics learners (about 150 a year) and adults retraining in "
            "evening courses"
        ),
        activities=(
            "<ol><li>Specify the equipment with two local manufacturers.</li>"
            "<li>Buy and install the workstations and machines.</li>"
            "<li>Train six teachers with the supplier.</li>"
            "<li>Write and accredit the new CAD/CAM module.</li></ol>"
        ),
        programme=P.ERDF,
        budget=385_000,
        duration_months=18,
        visibility=Visibility.PUBLIC,
        tags=("metalworking", "competence centre", "labour market"),
        partners=(OFFICINE,),
        inspired_by=(ANNA_VISIT, ANNA_LESSON, PETERIS_VISIT),
        steps=(
            Step(S.PROPOSED, D(2010, 11, 10)),
            Step(
                S.UNDER_REVIEW,
                D(2010, 11, 22),
                "Sent to the director: it has to fit the ERDF equipment list.",
            ),
            Step(
                S.SHORTLISTED,
                D(2011, 3, 7),
                "In the competence centre's ERDF equipment plan; details with the procurement "
                "team.",
            ),
        ),
        supporters=(
            ("participant4", D(2010, 11, 11)),
            ("participant3", D(2010, 11, 12)),
            ("coordinator", D(2010, 11, 22)),
            ("teacher", D(2010, 11, 30)),
        ),
        remarks=(
            Remark(
                "teacher",
                D(2010, 11, 30),
                "Will the workshop be open to adults in the evenings? Many unemployed people in "
                "our town want to retrain as CNC operators.",
            ),
            Remark(
                "participant1",
                D(2010, 12, 1),
                "Yes, evening courses for adults are part of the plan.",
            ),
        ),
    ),
    DemoIdea(
        slug="work-based-learning-pilot",
        title="A work-based learning pilot inspired by Italian practice",
        owner="participant2",
        co_authors=("participant1",),
        written=D(2011, 2, 14),
        summary=(
            "A one-year pilot of work-based learning in electronics and automation: learners "
            "spend two days a week in a company, with a mentor trained by the school and an "
            "assessment plan shared by both, as we saw in Florentine companies."
        ),
        need=(
            "In Florence apprentices learned in a machine-building company with a trained "
            "mentor and brought real problems back to school. In Latgale placements are short "
            "and often have little to do with what is taught. Employers are willing, but nobody "
            "has shown them how to do it."
        ),
        target_group=(
            "Second-year learners in electronics and automation, and mentors in five local "
            "companies"
        ),
        activities=(
            "<ul><li>Agreements with five companies and a mentors' course for their staff.</li>"
            "<li>A learning plan split between school and company, assessed together.</li>"
            "<li>A study visit of the mentors to Florence.</li>"
            "<li>An evaluation with employers and learners after one year.</li></ul>"
        ),
        programme=P.ERASMUS_KA2,
        budget=72_000,
        duration_months=24,
        visibility=Visibility.PUBLIC,
        tags=("apprenticeship", "employers", "labour market"),
        partners=(CENTRO, OFFICINE),
        inspired_by=(LIGA_VISIT, JANIS_LESSON),
        steps=(
            Step(S.PROPOSED, D(2011, 2, 14)),
            Step(
                S.UNDER_REVIEW,
                D(2011, 3, 7),
                "A good fit with the labour-market monitoring idea; we look at both together.",
            ),
        ),
        supporters=(
            ("participant3", D(2011, 2, 15)),
            ("teacher", D(2011, 2, 20)),
        ),
        remarks=(
            Remark(
                "participant1",
                D(2011, 2, 16),
                "The Florentine company offered to share its mentors' training materials; the "
                "mentors' course could start from those.",
            ),
        ),
    ),
    DemoIdea(
        slug="mechatronics-pathway",
        title="A combined mechatronics pathway",
        owner="participant2",
        written=D(2011, 4, 4),
        summary=(
            "One pathway for maintenance technicians that brings mechanics, electronics and "
            "automation together, as Italian companies expect."
        ),
        need=(
            "In Italy a maintenance technician handles electronics and automation together; "
            "here they are separate qualifications. I am still collecting employers' views "
            "before proposing it."
        ),
        target_group="Learners in mechanics and in electronics and automation",
        activities=(
            "<ul><li>Compare the standards of the two qualifications.</li>"
            "<li>Ask five employers what their maintenance technicians do all day.</li></ul>"
        ),
        programme=P.NATIONAL,
        budget=38_000,
        duration_months=18,
        visibility=Visibility.PUBLIC,
        tags=("metalworking", "labour market", "electronics"),
        inspired_by=(JANIS_VISIT,),
    ),
    DemoIdea(
        slug="italian-learners-week-daugavpils",
        title="A week in Daugavpils for Italian learners",
        owner="participant4",
        co_authors=("participant3",),
        written=D(2011, 5, 9),
        summary=(
            "Host a group of Italian vocational learners for a week of joint workshops with our "
            "learners, in English, as a first step towards learner exchanges."
        ),
        need=(
            "Our teachers now have partners in Florence, but our learners have never worked "
            "alongside learners from another country."
        ),
        target_group="Learners of ICT and metalworking, 17–19 years old",
        activities=(
            "<ul><li>Joint ICT and workshop projects in mixed teams.</li>"
            "<li>Evenings on the culture and history of Latgale.</li></ul>"
        ),
        programme=P.ERASMUS_KA1,
        budget=12_600,
        duration_months=12,
        visibility=Visibility.PROJECT,
        tags=("mobility", "intercultural", "english"),
        partners=(ISTITUTO,),
        inspired_by=(ANNA_SEMINAR,),
    ),
    DemoIdea(
        slug="project-writing-team",
        title="Training a project-writing team for the school",
        owner="participant3",
        co_authors=("participant4",),
        written=D(2011, 1, 10),
        summary=(
            "Train eight teachers to write and manage international and EU-funded projects, so "
            "that the school no longer depends on its two methodologists."
        ),
        need=(
            "ERDF and ESF projects for the competence centre are coming, and only two "
            "methodologists write and run projects today. The Florence visit showed that project "
            "work can be learned, and four of us now have some experience of it."
        ),
        target_group="Teachers and heads of department of the school",
        activities=(
            "<ul><li>Six one-day workshops on project design, budgets and reporting.</li>"
            "<li>Each trainee writes a part of a real application with a mentor.</li>"
            "<li>A shared folder of templates and past applications.</li></ul>"
        ),
        programme=P.ESF,
        budget=26_000,
        duration_months=12,
        visibility=Visibility.PRIVATE,
        tags=("competence centre", "project management"),
        steps=(Step(S.PROPOSED, D(2011, 1, 10)),),
        supporters=(("coordinator", D(2011, 1, 11)),),
        remarks=(
            Remark(
                "coordinator",
                D(2011, 1, 11),
                "I will put this into the staff development plan for 2011–2012.",
            ),
        ),
    ),
]

USERNAMES = {"coordinator"} | {
    name
    for idea in IDEAS
    for name in (
        idea.owner,
        *idea.co_authors,
        *(user for user, _on in idea.supporters),
        *(remark.author for remark in idea.remarks),
    )
}


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=RIGA)


def load(command):
    index = idea_index()
    if index is None:
        command.stderr.write("No idea database (IdeaIndexPage) found; run migrate first.")
        return
    admin = get_user_model().objects.filter(username="admin").first()
    ensure_index_texts(index, admin)
    hub = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG, locale__language_code="en").first()
    if hub is None:
        return
    existing = set(
        IdeaPage.objects.child_of(index)
        .filter(slug__in=[idea.slug for idea in IDEAS])
        .values_list("slug", flat=True)
    )
    missing = [idea for idea in IDEAS if idea.slug not in existing]
    if not missing:
        ensure_latvian_ideas(index, hub)
        return
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=USERNAMES)
    }
    hosts = {
        host.name: host
        for host in HostInstitution.objects.filter(name__in=[name for name, _kind in HOSTS])
    }
    entries = {
        (entry.portfolio_slug, entry.slug): entry
        for entry in EntryPage.objects.filter(portfolio__project=hub).annotate(
            portfolio_slug=F("portfolio__slug")
        )
    }
    for spec in missing:
        create_idea(index, hub, spec, users, hosts, entries)
    ensure_latvian_ideas(index, hub)


def reset(command):
    # Supports, comments and status changes go with their idea. The Latvian idea database goes
    # too, unless someone has put ideas under it, so that loading writes its texts again.
    index = idea_index()
    if index is None:
        return
    ideas = IdeaPage.objects.child_of(index).filter(
        slug__in=[idea.slug for idea in IDEAS], owner__username__in=USERNAMES
    )
    # Their translations first: they live under the Latvian idea database.
    IdeaPage.objects.filter(
        translation_key__in=list(ideas.values_list("translation_key", flat=True))
    ).exclude(pk__in=ideas.values("pk")).delete()
    ideas.delete()
    translation = index.get_translation_or_none(Locale.objects.get(language_code="lv"))
    if translation is not None and not translation.get_children().exists():
        translation.delete()


def idea_index():
    return IdeaIndexPage.objects.filter(locale__language_code="en").order_by("path").first()


def ensure_index_texts(index, admin):
    if not index.intro:
        index.intro = INDEX["en"]["intro"]
        _publish(index, admin)
    latvian = _translation(index, "lv", admin, INDEX["lv"])
    share_writing_rights(index, latvian)


def share_writing_rights(index, translation):
    """Whoever may add ideas to the English idea database may add them to its translation too,
    so that "Propose an idea" works from /lv/ideas/ as well."""
    from wagtail.models import GroupPagePermission

    if translation is None:
        return
    for grant in GroupPagePermission.objects.filter(page=index):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page=translation, permission_id=grant.permission_id
        )


def create_idea(index, hub, spec, users, hosts, entries):
    owner = users[spec.owner]
    idea = IdeaPage(
        title=spec.title,
        slug=spec.slug,
        owner=owner,
        summary=spec.summary,
        need=spec.need,
        target_group=spec.target_group,
        activities=spec.activities,
        programme=spec.programme,
        budget=Decimal(spec.budget),
        duration_months=spec.duration_months,
        visibility=spec.visibility,
        project=hub,
        co_authors=[users[name] for name in spec.co_authors],
        partners=[hosts[name] for name in spec.partners if name in hosts],
        inspired_by=[entries[key] for key in spec.inspired_by if key in entries],
    )
    index.add_child(instance=idea)
    idea.tags.add(*spec.tags)
    revision = idea.save_revision(user=owner)
    revision.publish(user=owner, skip_permission_checks=True)

    changes = []
    for step in spec.steps:
        role = actions.TRANSITIONS[(idea.status, step.status)]
        actor = owner if role == actions.AUTHORS else users["coordinator"]
        change = actions.change_status(idea, actor, step.status, step.comment)
        change.created_at = at(step.on, 11)
        changes.append(change)
    StatusChange.objects.bulk_update(changes, ["created_at"])

    supported_on = {}
    for username, on in spec.supporters:
        actions.support(idea, users[username])
        supported_on[users[username].pk] = at(on, 13)
    supports = list(IdeaSupport.objects.filter(idea=idea))
    for support in supports:
        support.created_at = supported_on[support.user_id]
    IdeaSupport.objects.bulk_update(supports, ["created_at"])

    comments = []
    for remark in spec.remarks:
        comment = actions.add_comment(idea, users[remark.author], remark.body)
        if remark.hidden_on is not None:
            comment = actions.hide_comment(idea, users["coordinator"], comment.pk)
            comment.hidden_at = at(remark.hidden_on, 9)
        comment.created_at = at(remark.on, 15)
        comments.append(comment)
    IdeaComment.objects.bulk_update(comments, ["created_at", "hidden_at"])

    # Back to when it was written, for the timeline, the year facet and "newest first".
    written = at(spec.written, 10)
    IdeaPage.objects.filter(pk=idea.pk).update(
        first_published_at=written,
        last_published_at=written,
        latest_revision_created_at=written,
        status_changed_at=at(spec.steps[-1].on, 11) if spec.steps else None,
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=written)
    PageLogEntry.objects.filter(page=idea).update(timestamp=written)


def ensure_latvian_ideas(index, hub):
    """Translate each demo idea into Latvian, once, as the admin's "Translate" would.

    The translation keeps the idea's status, visibility, authors and dates, comes from the
    Latvian hub and was inspired by the Latvian translations of the same entries.
    """
    latvian = Locale.objects.get(language_code="lv")
    hub_lv = hub.get_translation_or_none(latvian)
    if hub_lv is None or index.get_translation_or_none(latvian) is None:
        return
    ideas = IdeaPage.objects.child_of(index).filter(slug__in=ideas_latvian.IDEAS)
    translated = set(
        Page.objects.filter(
            locale=latvian, translation_key__in=ideas.values("translation_key")
        ).values_list("translation_key", flat=True)
    )
    missing = [
        idea for idea in ideas.select_related("owner") if idea.translation_key not in translated
    ]
    if not missing:
        return
    latvian_entries = {
        entry.translation_key: entry
        for entry in EntryPage.objects.filter(locale=latvian, portfolio__project=hub_lv)
    }
    for idea in missing:
        translate_idea(idea, latvian, hub_lv, latvian_entries)


def translate_idea(idea, latvian, hub_lv, latvian_entries):
    texts = ideas_latvian.IDEAS[idea.slug]
    copy = idea.copy_for_translation(latvian).specific
    for name, value in texts.items():
        setattr(copy, name, value)
    copy.project = hub_lv
    copy.co_authors = list(idea.co_authors.all())
    copy.partners = list(idea.partners.all())
    copy.inspired_by = [
        latvian_entries.get(entry.translation_key, entry) for entry in idea.inspired_by.all()
    ]
    copy.tags.set([ideas_latvian.TAGS.get(tag.name, tag.name) for tag in idea.tags.all()])
    revision = copy.save_revision(user=idea.owner)
    revision.publish(user=idea.owner, skip_permission_checks=True)
    # Written when the original was: the timeline, the year facet and "newest first" agree.
    IdeaPage.objects.filter(pk=copy.pk).update(
        first_published_at=idea.first_published_at,
        last_published_at=idea.last_published_at,
        latest_revision_created_at=idea.latest_revision_created_at,
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=idea.first_published_at)
    PageLogEntry.objects.filter(page=copy).update(timestamp=idea.first_published_at)
