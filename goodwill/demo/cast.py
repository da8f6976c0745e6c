"""The demo's sites and people: who you can sign in as, and the colleagues who appear in the
stories."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.hashers import make_password

from goodwill.organisation.models import Site, User
from goodwill.organisation.services import site_create, staff_create, staff_set_on_duty

# Every demo login shares this password; demo_load prints it with the logins.
DEMO_PASSWORD = "aurelis-demo"  # noqa: S105 - published on purpose: the demo has no secrets

# The brand's care centre. Its existence is what tells demo_load the demo is already loaded.
CARE_CENTRE_CODE = "CH-ZRH-CARE"


@dataclasses.dataclass(frozen=True)
class SiteSpec:
    code: str
    name: str
    kind: str
    city: str
    country: str
    timezone: str
    languages: tuple[str, ...]


# München and Milano carry the codes the generated data set gives its sites, so the named staff
# join the dealer and the boutique that own hundreds of generated clients.
SITES = {
    "care_centre": SiteSpec(
        CARE_CENTRE_CODE,
        "Aurelis Client Care Zürich",
        "care_centre",
        "Zürich",
        "CH",
        "Europe/Zurich",
        ("de", "fr", "it", "en"),
    ),
    "munich": SiteSpec(
        "DE-MUN-003",
        "Aurelis Automobili München",
        "dealer",
        "München",
        "DE",
        "Europe/Berlin",
        ("de", "en"),
    ),
    "milano": SiteSpec(
        "IT-MIL-001",
        "Aurelis Boutique Milano",
        "boutique",
        "Milano",
        "IT",
        "Europe/Rome",
        ("it", "en"),
    ),
    "london": SiteSpec(
        "GB-LON-101", "Aurelis London Mayfair", "dealer", "London", "GB", "Europe/London", ("en",)
    ),
}


@dataclasses.dataclass(frozen=True)
class Login:
    username: str
    first_name: str
    last_name: str
    role: str
    site: str
    language: str
    languages_spoken: tuple[str, ...]
    sees: str
    backup: str = ""


# The people you can sign in as, in the order the summary table lists them.
LOGINS = (
    Login(
        "admin",
        "Alex",
        "Meier",
        "admin",
        "care_centre",
        "en",
        ("en", "de"),
        "everything, plus the Django admin",
    ),
    Login(
        "margaux",
        "Margaux",
        "Dubois",
        "manager",
        "care_centre",
        "fr",
        ("fr", "en", "de"),
        "every client and case; interface in French",
    ),
    Login(
        "chiara",
        "Chiara",
        "Rossi",
        "agent",
        "care_centre",
        "en",
        ("it", "en", "fr", "de"),
        "every client; Madame Lefèvre's lost maps (story 003) is her client",
    ),
    Login(
        "jonas",
        "Jonas",
        "Weber",
        "advisor",
        "munich",
        "de",
        ("de", "en"),
        "München's clients as Anna's backup; interface in German",
    ),
    Login(
        "anna",
        "Anna",
        "Schmid",
        "advisor",
        "munich",
        "en",
        ("de", "en"),
        "München's clients only; Herr Tauber's complaint (story 000) is waiting for her",
        backup="jonas",
    ),
    Login(
        "giulia",
        "Giulia",
        "Conti",
        "advisor",
        "milano",
        "it",
        ("it", "en"),
        "Milano's clients only; Mrs Jansen's necklace (story 002); interface in Italian",
    ),
    Login(
        "james",
        "James",
        "Whitfield",
        "advisor",
        "london",
        "en",
        ("en",),
        "London's clients only (stories 001 and 004); searching for Herr Tauber finds nothing",
    ),
)


@dataclasses.dataclass(frozen=True)
class Colleague:
    username: str
    first_name: str
    last_name: str
    role: str
    site: str
    language: str


# Colleagues who appear in the stories but have no demo login. The first eleven answer the
# assistance line: story 000 needs a different voice for each of Herr Tauber's eleven calls.
COLLEAGUES = (
    Colleague("lucia.fernandez", "Lucía", "Fernández", "agent", "care_centre", "en"),
    Colleague("tiago.almeida", "Tiago", "Almeida", "agent", "care_centre", "en"),
    Colleague("marek.nowak", "Marek", "Nowak", "agent", "care_centre", "en"),
    Colleague("ines.carvalho", "Inês", "Carvalho", "agent", "care_centre", "fr"),
    Colleague("dimitri.papadopoulos", "Dimitri", "Papadopoulos", "agent", "care_centre", "en"),
    Colleague("sofia.marino", "Sofia", "Marino", "agent", "care_centre", "it"),
    Colleague("nadia.benali", "Nadia", "Benali", "agent", "care_centre", "fr"),
    Colleague("kevin.schulz", "Kevin", "Schulz", "agent", "care_centre", "de"),
    Colleague("emma.dupont", "Emma", "Dupont", "agent", "care_centre", "fr"),
    Colleague("lukas.brunner", "Lukas", "Brunner", "agent", "care_centre", "de"),
    Colleague("sophie.laurent", "Sophie", "Laurent", "agent", "care_centre", "fr"),
    Colleague("paola.ferri", "Paola", "Ferri", "advisor", "milano", "it"),
    Colleague("kate.morgan", "Kate", "Morgan", "advisor", "london", "en"),
    Colleague("daniel.price", "Daniel", "Price", "advisor", "london", "en"),
)


@dataclasses.dataclass(frozen=True)
class Cast:
    sites: dict[str, Site]
    staff: dict[str, User]

    @property
    def assistance_line(self) -> list[User]:
        """The eleven agents of story 000, in the order Herr Tauber reaches them."""
        order = (
            "lucia.fernandez",
            "tiago.almeida",
            "chiara",
            "marek.nowak",
            "ines.carvalho",
            "dimitri.papadopoulos",
            "sofia.marino",
            "nadia.benali",
            "kevin.schulz",
            "emma.dupont",
            "lukas.brunner",
        )
        return [self.staff[name] for name in order]


def _email(username: str) -> str:
    return f"{username}@aurelis.example"


def cast_create() -> Cast:
    """Create the demo's sites (reusing those the generated data set already made) and its staff."""
    sites: dict[str, Site] = {}
    for key, spec in SITES.items():
        existing = Site.objects.filter(code=spec.code).first()
        sites[key] = existing or site_create(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            country=spec.country,
            timezone=spec.timezone,
            city=spec.city,
            languages=list(spec.languages),
            email=f"care.{spec.code.lower()}@aurelis.example",
        )
    staff: dict[str, User] = {}
    # One hash for every login: hashing is slow on purpose (half a second each), the password is
    # shared.
    password_hash = make_password(DEMO_PASSWORD)
    # Backups first, so each advisor can name theirs.
    for login in sorted(LOGINS, key=lambda item: bool(item.backup)):
        user = staff_create(
            username=login.username,
            password=None,
            first_name=login.first_name,
            last_name=login.last_name,
            role=login.role,
            site=sites[login.site],
            email=_email(login.username),
            language=login.language,
            languages_spoken=list(login.languages_spoken),
            backup=staff[login.backup] if login.backup else None,
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        staff[login.username] = user
    for colleague in COLLEAGUES:
        staff[colleague.username] = staff_create(
            username=colleague.username,
            password=None,
            first_name=colleague.first_name,
            last_name=colleague.last_name,
            role=colleague.role,
            site=sites[colleague.site],
            email=_email(colleague.username),
            language=colleague.language,
            languages_spoken=[colleague.language, "en"] if colleague.language != "en" else ["en"],
        )
    # The care centre's duty agent, the last step of every escalation chain.
    staff_set_on_duty(actor=staff["margaux"], user=staff["chiara"], on_duty=True)
    return Cast(sites=sites, staff=staff)
