"""Validation of the demo data and the starter topic lists.

Framework-free on purpose: these files are read by the demo loader and by the community
setup, and they must be right before any database sees them. Only the standard library.
"""

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

DEMO_DATA = Path(__file__).resolve().parents[1] / "data"
STARTER_TOPICS = (
    Path(__file__).resolve().parents[2] / "communities" / "data" / "starter_topics.json"
)

# The demo describes the world on this day; ages are computed against it.
DEMO_YEAR, DEMO_MONTH, DEMO_DAY = 2026, 11, 22
DEMO_DATE = f"{DEMO_YEAR:04d}-{DEMO_MONTH:02d}-{DEMO_DAY:02d}"
AGE_OF_MAJORITY = 18

KINDS = {
    "division",
    "peer_group",
    "council_department",
    "working_group",
    "online",
    "school",
    "first_responders",
    "other",
}
ROLES = {"seeker", "supporter", "coordinator"}
UI_LANGUAGES = {"es", "en"}

_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu"
)
ISO_639_1 = set(_ISO_639_1_CODES.split())
TIMEZONES = {
    "Europe/Madrid",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "America/Mexico_City",
    "America/Monterrey",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Argentina/Cordoba",
    "America/Montevideo",
    "America/Guayaquil",
    "America/New_York",
    "America/Chicago",
    "America/Toronto",
    "America/Costa_Rica",
    "America/Asuncion",
    "America/La_Paz",
    "America/Sao_Paulo",
    "America/Los_Angeles",
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLOT = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)-(am|pm|eve)$")
YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
SCHOOL_GROUP = re.compile(r"^(?:[1-4]º [A-D]|[12]º Bach [A-D])$")
SENTENCE_END = re.compile(r"[.!?…]+[»\")]?(?=\s|$)")

# Words in a topic key that mean the topic is about health, trauma, addiction, identity or abuse.
SENSITIVE_MARKERS = (
    "grief",
    "addiction",
    "alcohol",
    "mental-health",
    "burnout",
    "illness",
    "disability",
    "identity",
    "violence",
    "bullying",
    "critical-incidents",
    "injury",
    "loss-of-colleague",
    "discrimination",
    "anxiety",
)

# Small, distinctive function words; enough to tell the demo's English texts from Spanish.
ENGLISH_WORDS = {
    "the",
    "and",
    "i",
    "my",
    "was",
    "with",
    "to",
    "of",
    "it",
    "is",
    "at",
    "for",
    "that",
}
SPANISH_WORDS = {"el", "la", "que", "y", "de", "los", "las", "con", "por", "mi", "una", "es", "lo"}

COMMUNITY_FIELDS = {
    "slug",
    "name",
    "kind",
    "description",
    "values_statement",
    "languages",
    "visibility",
    "join_policy",
    "country",
    "topics",
}
PERSON_FIELDS = {
    "key",
    "display_name",
    "email",
    "pronouns",
    "language",
    "timezone",
    "languages",
    "city",
    "area",
    "meeting_mode",
    "availability",
    "birth_year",
    "gender",
    "memberships",
}
MEMBERSHIP_FIELDS = {
    "community",
    "roles",
    "status",
    "group",
    "capacity",
    "away_until",
    "supports",
    "seeks",
}
SUPPORT_FIELDS = {"topic", "story", "started", "ended", "visibility"}
SEEK_FIELDS = {"topic", "note"}


@cache
def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def starter_topics():
    return load(STARTER_TOPICS)


def communities():
    return load(DEMO_DATA / "communities.json")


def people():
    return load(DEMO_DATA / "people.json")


def logins():
    return load(DEMO_DATA / "logins.json")


def community_by_slug():
    return {community["slug"]: community for community in communities()}


def topic_keys_of(community):
    """The topic keys a community uses: its kind's starter list, or an explicit subset."""
    starter_keys = [topic["key"] for topic in starter_topics()[community["kind"]]]
    if community["topics"] == "starter":
        return set(starter_keys)
    return set(community["topics"])


def sensitive_keys_of(community):
    return {topic["key"] for topic in starter_topics()[community["kind"]] if topic["sensitive"]}


def memberships():
    """Every (person, membership) pair."""
    return [(person, membership) for person in people() for membership in person["memberships"]]


def is_certainly_minor(birth_year):
    """Under 18 on the demo date whatever the birthday (born the year after the ambiguous one)."""
    return DEMO_YEAR - birth_year < AGE_OF_MAJORITY


def is_certainly_adult(birth_year):
    """At least 18 on the demo date whatever the birthday."""
    return DEMO_YEAR - birth_year - 1 >= AGE_OF_MAJORITY


def all_stories():
    return [
        support["story"] for _, membership in memberships() for support in membership["supports"]
    ]


def looks_english(text):
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    english = sum(word in ENGLISH_WORDS for word in words)
    spanish = sum(word in SPANISH_WORDS for word in words)
    return english > spanish


def is_bilingual_text(value):
    return (
        isinstance(value, dict)
        and set(value) == UI_LANGUAGES
        and all(isinstance(text, str) and text.strip() for text in value.values())
    )


# Starter topics


def test_starter_topics_exist_for_exactly_the_community_kinds():
    assert set(starter_topics()) == KINDS


def test_every_kind_has_between_8_and_14_starter_topics():
    sizes = {kind: len(topics) for kind, topics in starter_topics().items()}
    assert all(8 <= size <= 14 for size in sizes.values()), sizes


def test_starter_topic_keys_are_lowercase_ascii_slugs_unique_within_a_kind():
    for kind, topics in starter_topics().items():
        keys = [topic["key"] for topic in topics]
        assert all(SLUG.match(key) for key in keys), (kind, keys)
        assert len(keys) == len(set(keys)), kind


def test_every_starter_topic_has_a_name_and_description_in_spanish_and_english():
    for kind, topics in starter_topics().items():
        for topic in topics:
            assert set(topic) == {"key", "name", "description", "sensitive"}, (kind, topic)
            assert is_bilingual_text(topic["name"]), (kind, topic["key"])
            assert is_bilingual_text(topic["description"]), (kind, topic["key"])
            assert isinstance(topic["sensitive"], bool), (kind, topic["key"])


def test_starter_topic_names_are_unique_within_a_kind_in_each_language():
    for kind, topics in starter_topics().items():
        for language in UI_LANGUAGES:
            names = [topic["name"][language].casefold() for topic in topics]
            assert len(names) == len(set(names)), (kind, language)


def test_health_trauma_addiction_identity_and_abuse_topics_are_marked_sensitive():
    for kind, topics in starter_topics().items():
        for topic in topics:
            if any(marker in topic["key"] for marker in SENSITIVE_MARKERS):
                assert topic["sensitive"], (kind, topic["key"])


def test_the_school_list_has_subjects_and_study_skills():
    keys = {topic["key"] for topic in starter_topics()["school"]}
    assert {
        "mathematics",
        "language-literature",
        "english",
        "science",
        "history",
        "study-skills",
        "exam-anxiety",
        "changing-school",
        "bullying",
    } <= keys


# Communities


def test_there_are_at_least_four_communities_of_different_kinds():
    kinds = [community["kind"] for community in communities()]
    assert len(kinds) >= 4
    assert len(set(kinds)) == len(kinds)
    assert {"council_department", "school", "first_responders", "online"} <= set(kinds)


def test_every_community_has_the_expected_shape():
    for community in communities():
        assert set(community) == COMMUNITY_FIELDS, community.get("slug")
        assert SLUG.match(community["slug"])
        assert community["name"].strip()
        assert community["kind"] in KINDS
        assert is_bilingual_text(community["description"]), community["slug"]
        assert is_bilingual_text(community["values_statement"]), community["slug"]
        assert community["visibility"] in {"listed", "unlisted"}
        assert community["join_policy"] in {"open", "approval", "invitation"}
        assert re.match(r"^[A-Z]{2}$", community["country"])


def test_community_slugs_are_unique():
    slugs = [community["slug"] for community in communities()]
    assert len(slugs) == len(set(slugs))


def test_community_languages_are_iso_639_1_codes_without_repeats():
    for community in communities():
        languages = community["languages"]
        assert languages and set(languages) <= ISO_639_1, community["slug"]
        assert len(languages) == len(set(languages)), community["slug"]


def test_community_topics_are_the_starter_list_or_keys_from_it():
    for community in communities():
        starter_keys = {topic["key"] for topic in starter_topics()[community["kind"]]}
        if community["topics"] != "starter":
            assert isinstance(community["topics"], list) and community["topics"]
            assert set(community["topics"]) <= starter_keys, community["slug"]
            assert len(community["topics"]) == len(set(community["topics"]))


def test_the_school_is_unlisted_and_by_invitation_only():
    school = next(community for community in communities() if community["kind"] == "school")
    assert school["visibility"] == "unlisted"
    assert school["join_policy"] == "invitation"


# People


def test_the_demo_has_about_two_hundred_people():
    assert 180 <= len(people()) <= 230


def test_every_person_has_the_expected_shape():
    for person in people():
        assert set(person) == PERSON_FIELDS, person.get("key")
        assert person["display_name"].strip()
        assert isinstance(person["pronouns"], str)
        assert person["gender"] in {"woman", "man", "nonbinary", ""}
        assert person["meeting_mode"] in {"online", "in_person", "either"}
        assert isinstance(person["birth_year"], int) and 1920 <= person["birth_year"] <= 2014
        assert person["city"].strip()
        assert isinstance(person["area"], str)
        assert person["memberships"], person["key"]


def test_person_keys_are_slugs_and_emails_derive_from_them():
    for person in people():
        assert SLUG.match(person["key"]), person["key"]
        assert person["email"] == f"{person['key']}@demo.ayni.example"


def test_person_keys_and_emails_are_unique():
    keys = [person["key"] for person in people()]
    emails = [person["email"].lower() for person in people()]
    assert len(keys) == len(set(keys))
    assert len(emails) == len(set(emails))


def test_display_names_are_pseudonyms_or_first_names_with_an_initial():
    for person in people():
        name = person["display_name"]
        assert "@" not in name
        assert len(name.split()) <= 4, name


def test_languages_are_iso_639_1_codes_and_include_the_interface_language():
    for person in people():
        assert person["language"] in UI_LANGUAGES, person["key"]
        assert person["languages"] and set(person["languages"]) <= ISO_639_1, person["key"]
        assert len(person["languages"]) == len(set(person["languages"])), person["key"]
        assert person["language"] in person["languages"], person["key"]


def test_time_zones_are_known_iana_names():
    for person in people():
        assert person["timezone"] in TIMEZONES, (person["key"], person["timezone"])


def test_availability_slots_are_a_day_and_a_part_of_day_without_repeats():
    for person in people():
        slots = person["availability"]
        assert slots, person["key"]
        assert all(SLOT.match(slot) for slot in slots), (person["key"], slots)
        assert len(slots) == len(set(slots)), person["key"]


def test_nobody_is_born_in_the_year_that_makes_their_age_ambiguous():
    # Only the birth year is known; everyone must be clearly a minor or clearly an adult.
    for person in people():
        year = person["birth_year"]
        assert is_certainly_minor(year) or is_certainly_adult(year), person["key"]


# Memberships


def test_every_membership_has_the_expected_shape():
    slugs = community_by_slug()
    for person, membership in memberships():
        where = (person["key"], membership.get("community"))
        assert set(membership) == MEMBERSHIP_FIELDS, where
        assert membership["community"] in slugs, where
        assert membership["roles"] and set(membership["roles"]) <= ROLES, where
        assert len(membership["roles"]) == len(set(membership["roles"])), where
        assert membership["status"] in {"active", "pending"}, where
        assert isinstance(membership["group"], str), where
        assert isinstance(membership["capacity"], int) and 0 <= membership["capacity"] <= 3, where


def test_nobody_belongs_to_the_same_community_twice():
    for person in people():
        slugs = [membership["community"] for membership in person["memberships"]]
        assert len(slugs) == len(set(slugs)), person["key"]


def test_only_supporters_have_capacity_experiences_or_an_away_date():
    for person, membership in memberships():
        where = (person["key"], membership["community"])
        if "supporter" in membership["roles"]:
            assert membership["supports"], where
            assert membership["capacity"] >= 1 or membership["away_until"], where
        else:
            assert membership["supports"] == [], where
            assert membership["capacity"] == 0, where
            assert membership["away_until"] is None, where


def test_away_dates_are_iso_dates_after_the_demo_date():
    for person, membership in memberships():
        away = membership["away_until"]
        if away is not None:
            assert ISO_DATE.match(away) and away > DEMO_DATE, (person["key"], away)


def test_only_seekers_have_needs_and_every_seeker_has_one():
    for person, membership in memberships():
        where = (person["key"], membership["community"])
        if "seeker" in membership["roles"]:
            assert membership["seeks"], where
        else:
            assert membership["seeks"] == [], where


def test_every_experience_and_need_uses_a_topic_of_its_community():
    slugs = community_by_slug()
    for person, membership in memberships():
        topics = topic_keys_of(slugs[membership["community"]])
        for entry in membership["supports"] + membership["seeks"]:
            assert entry["topic"] in topics, (
                person["key"],
                membership["community"],
                entry["topic"],
            )


def test_experiences_have_the_expected_shape_and_sensible_dates():
    demo_month = f"{DEMO_YEAR:04d}-{DEMO_MONTH:02d}"
    for person, membership in memberships():
        for support in membership["supports"]:
            where = (person["key"], support["topic"])
            assert set(support) == SUPPORT_FIELDS, where
            assert support["visibility"] in {"community", "private"}, where
            assert YEAR_MONTH.match(support["started"]), where
            assert support["started"] <= demo_month, where
            assert int(support["started"][:4]) > person["birth_year"], where
            if support["ended"] is not None:
                assert YEAR_MONTH.match(support["ended"]), where
                assert support["started"] <= support["ended"] <= demo_month, where


def test_stories_are_one_to_four_sentences():
    for story in all_stories():
        sentences = len(SENTENCE_END.findall(story.strip()))
        assert 1 <= sentences <= 4, story


def test_needs_have_the_expected_shape_and_a_short_note():
    for person, membership in memberships():
        for seek in membership["seeks"]:
            assert set(seek) == SEEK_FIELDS, person["key"]
            assert 10 <= len(seek["note"].strip()) <= 300, (person["key"], seek["note"])


def test_nobody_seeks_and_supports_the_same_topic_in_one_community():
    for person, membership in memberships():
        supported = [support["topic"] for support in membership["supports"]]
        sought = [seek["topic"] for seek in membership["seeks"]]
        assert len(supported) == len(set(supported)), person["key"]
        assert len(sought) == len(set(sought)), person["key"]
        assert not set(supported) & set(sought), person["key"]


def test_stories_are_all_different():
    normalised = [" ".join(story.casefold().split()) for story in all_stories()]
    repeated = [story for story, count in Counter(normalised).items() if count > 1]
    assert not repeated


def test_needs_are_all_different():
    notes = [
        " ".join(seek["note"].casefold().split())
        for _, membership in memberships()
        for seek in membership["seeks"]
    ]
    assert len(notes) == len(set(notes))


def test_stories_are_mostly_spanish_with_about_fifteen_percent_in_english():
    stories = all_stories()
    english = sum(looks_english(story) for story in stories)
    assert 0.10 <= english / len(stories) <= 0.25, (english, len(stories))


def test_most_sensitive_experiences_are_private_by_default():
    slugs = community_by_slug()
    visibilities = [
        support["visibility"]
        for _, membership in memberships()
        for support in membership["supports"]
        if support["topic"] in sensitive_keys_of(slugs[membership["community"]])
    ]
    assert visibilities.count("private") > len(visibilities) / 2


# Communities as a whole


def test_every_community_has_at_least_two_active_coordinators():
    coordinators = Counter(
        membership["community"]
        for _, membership in memberships()
        if "coordinator" in membership["roles"] and membership["status"] == "active"
    )
    for slug in community_by_slug():
        assert coordinators[slug] >= 2, slug


def test_every_community_has_active_seekers_and_supporters():
    for slug in community_by_slug():
        roles = Counter(
            role
            for _, membership in memberships()
            if membership["community"] == slug and membership["status"] == "active"
            for role in membership["roles"]
        )
        assert roles["seeker"] >= 10 and roles["supporter"] >= 10, (slug, roles)


def test_the_communities_hold_about_two_hundred_memberships():
    sizes = Counter(membership["community"] for _, membership in memberships())
    assert 190 <= sum(sizes.values()) <= 240
    assert all(size >= 30 for size in sizes.values()), sizes


def test_every_topic_someone_seeks_has_an_active_supporter_in_that_community():
    for slug in community_by_slug():
        sought = set()
        supported = set()
        for _, membership in memberships():
            if membership["community"] != slug:
                continue
            sought |= {seek["topic"] for seek in membership["seeks"]}
            if membership["status"] == "active" and membership["away_until"] is None:
                supported |= {support["topic"] for support in membership["supports"]}
        assert sought <= supported, (slug, sought - supported)


def test_pending_members_exist_only_where_joining_needs_approval():
    slugs = community_by_slug()
    pending = [
        membership["community"]
        for _, membership in memberships()
        if membership["status"] == "pending"
    ]
    assert len(pending) >= 2
    assert all(slugs[slug]["join_policy"] == "approval" for slug in pending)


def test_some_people_belong_to_two_communities():
    assert sum(len(person["memberships"]) >= 2 for person in people()) >= 3


def test_at_least_thirty_people_are_both_seekers_and_supporters():
    both = [
        person["key"]
        for person in people()
        if {"seeker", "supporter"}
        <= {role for membership in person["memberships"] for role in membership["roles"]}
    ]
    assert len(both) >= 30, len(both)


# Minors


def test_minors_belong_only_to_the_school_and_never_coordinate():
    slugs = community_by_slug()
    for person, membership in memberships():
        if is_certainly_minor(person["birth_year"]):
            assert slugs[membership["community"]]["kind"] == "school", person["key"]
            assert set(membership["roles"]) <= {"seeker", "supporter"}, person["key"]


def test_every_adult_in_the_school_is_a_coordinating_teacher():
    slugs = community_by_slug()
    for person, membership in memberships():
        if slugs[membership["community"]]["kind"] == "school" and not is_certainly_minor(
            person["birth_year"]
        ):
            assert membership["roles"] == ["coordinator"], person["key"]


def test_pupils_are_aged_twelve_to_seventeen_and_tutors_are_in_year_four_or_above():
    slugs = community_by_slug()
    for person, membership in memberships():
        if (
            slugs[membership["community"]]["kind"] != "school"
            or "coordinator" in membership["roles"]
        ):
            continue
        assert 2009 <= person["birth_year"] <= 2014, person["key"]
        assert SCHOOL_GROUP.match(membership["group"]), (person["key"], membership["group"])
        if "supporter" in membership["roles"]:
            assert person["birth_year"] <= 2011, person["key"]


def test_each_pupil_is_in_the_year_of_their_age_or_one_below():
    # 1º ESO starts the year a pupil turns 12; repeating a year is normal, skipping one is not.
    years = ["1º", "2º", "3º", "4º", "1º Bach", "2º Bach"]
    slugs = community_by_slug()
    for person, membership in memberships():
        if slugs[membership["community"]]["kind"] != "school" or not is_certainly_minor(
            person["birth_year"]
        ):
            continue
        year = membership["group"].rsplit(" ", 1)[0]
        expected = DEMO_YEAR - person["birth_year"] - 12
        assert years.index(year) in {expected, expected - 1}, (person["key"], year)


def test_no_pupil_text_in_the_demo_is_about_bullying():
    for person, membership in memberships():
        if is_certainly_minor(person["birth_year"]):
            topics = {entry["topic"] for entry in membership["supports"] + membership["seeks"]}
            assert "bullying" not in topics, person["key"]


# Logins


def test_demo_logins_share_the_demo_password():
    assert logins()["password"] == "ayni-demo"


def test_every_demo_login_matches_a_person_and_their_roles():
    by_key = {person["key"]: person for person in people()}
    for login in logins()["logins"]:
        person = by_key[login["person"]]
        assert login["email"] == person["email"]
        assert login["display_name"] == person["display_name"]
        membership = next(m for m in person["memberships"] if m["community"] == login["community"])
        assert membership["status"] == "active"
        assert sorted(login["roles"]) == sorted(membership["roles"]), login["person"]
        assert is_bilingual_text(login["description"]), login["person"]
        assert "\n" not in login["description"]["es"] + login["description"]["en"]


def test_demo_logins_cover_a_coordinator_per_community_a_supporter_a_seeker_and_both():
    entries = logins()["logins"]
    coordinated = {entry["community"] for entry in entries if "coordinator" in entry["roles"]}
    assert coordinated == set(community_by_slug())
    role_sets = [set(entry["roles"]) for entry in entries]
    assert {"supporter"} in role_sets
    assert {"seeker"} in role_sets
    assert {"seeker", "supporter"} in role_sets
