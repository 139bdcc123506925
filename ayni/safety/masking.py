"""Masking contact details in conversations that involve a minor. Framework-free.

Phones (7+ digits, with spaces, dots, dashes or brackets, optional +country), e-mail addresses
(also written "name at domain dot com" / "nombre arroba dominio punto com"), social handles
(@name, "ig: name", "insta name", "mi snap es name") and links to social networks and chat apps.
Dates, times, prices and short numbers are left alone. The text keeps its shape: only the
contact itself is replaced by MASK.
"""

import re

MASK = "[•••]"

_SOCIAL_SITES = (
    r"instagram\.com|instagr\.am|tiktok\.com|facebook\.com|fb\.com|fb\.me|twitter\.com|x\.com|"
    r"snapchat\.com|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|t\.me|telegram\.me|discord\.gg|"
    r"discord\.com|linkedin\.com|youtube\.com|twitch\.tv|threads\.net|bsky\.app|onlyfans\.com"
)
_SOCIAL_URL = re.compile(rf"(?:https?://)?(?:www\.)?(?:{_SOCIAL_SITES})(?:/[^\s<>\"']*)?", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SPELLED_EMAIL = re.compile(
    r"\b[\w.+-]+\s*(?:\(|\[)?\s*(?:at|arroba)\s*(?:\)|\])?\s*[\w-]+\s*"
    r"(?:\(|\[)?\s*(?:dot|punto)\s*(?:\)|\])?\s*(?:com|es|org|net|mx|ar|co|cl|pe|uk|edu|gob|gov|io)\b",
    re.IGNORECASE,
)

_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_NAMED_HANDLE = re.compile(
    r"\b(?P<label>instagram|insta|ig|tiktok|tik tok|snapchat|snap|sc|telegram|tg|discord|twitter|"
    r"whatsapp|whats|wasap|wsp|wpp|facebook|face|fb|kik|signal)"
    r"(?P<sep>\s*(?::|=|-)\s*|\s+(?:es|is|me|es:|is:)\s+|\s+)"
    r"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29})",
    re.IGNORECASE,
)
# Words that follow "insta"/"snap" in ordinary sentences and are not handles.
_NOT_HANDLES = {
    "and", "or", "the", "y", "o", "que", "pero", "but", "es", "is", "me", "te", "de", "del", "la",
    "el", "los", "las", "un", "una", "to", "a", "for", "por", "para", "con", "with", "story",
    "stories", "historia", "historias", "post", "reel", "reels", "video", "vídeo", "account",
    "cuenta", "app", "group", "grupo", "call", "llamada", "message", "mensaje", "chat",
}

# A phone: optional +, then digits in groups separated by one space, dot, dash or brackets.
_PHONE = re.compile(r"(?<![\w/:.,-])(?:\+|00)?\(?\d[\d\s().-]{5,22}\d(?![\w/:])")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_TIME_LIKE = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*-\s*\d{1,2}[:.]\d{2})?$")


def _mask_phone(match: re.Match) -> str:
    candidate = match.group(0)
    stripped = candidate.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    if digits < 7 or digits > 15:
        return candidate
    if _DATE_LIKE.match(stripped) or _TIME_LIKE.match(stripped):
        return candidate
    # Years and amounts in a row ("2019 2020 2021") are not phones: require few long runs of
    # separators; a phone has at most 5 groups.
    groups = [group for group in re.split(r"[\s().-]+", stripped) if group]
    if len(groups) > 5:
        return candidate
    if all(len(group) == 4 and group.startswith(("19", "20")) for group in groups):
        return candidate
    trailing = candidate[len(candidate.rstrip()):]
    return MASK + trailing


def _mask_named_handle(match: re.Match) -> str:
    handle = match.group("handle")
    if handle.lower().lstrip("@") in _NOT_HANDLES or (handle.isdigit() and len(handle) < 7):
        return match.group(0)
    # After a bare space ("whatsapp tomorrow", "a signal that") only handle-looking words count.
    if not match.group("sep").strip() and not (handle.startswith("@") or any(ch in handle for ch in "_.0123456789")):
        return match.group(0)
    return f"{match.group('label')}{match.group('sep')}{MASK}"


def mask_contacts(text: str) -> str:
    """`text` with phone numbers, e-mail addresses and social handles replaced by MASK."""
    if not text:
        return text
    text = _SOCIAL_URL.sub(MASK, text)
    text = _EMAIL.sub(MASK, text)
    text = _SPELLED_EMAIL.sub(MASK, text)
    text = _NAMED_HANDLE.sub(_mask_named_handle, text)
    text = _HANDLE.sub(MASK, text)
    text = _PHONE.sub(_mask_phone, text)
    return text


def has_contacts(text: str) -> bool:
    return mask_contacts(text) != text
